import Testing
@testable import DynamoModel

@Test func DynamoModelModuleLoads() {}
