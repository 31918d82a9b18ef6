import Testing
@testable import DynamoOperations

@Test func DynamoOperationsModuleLoads() {}
