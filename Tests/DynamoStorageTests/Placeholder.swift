import Testing
@testable import DynamoStorage

@Test func DynamoStorageModuleLoads() {}
