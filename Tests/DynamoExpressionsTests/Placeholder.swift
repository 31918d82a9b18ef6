import Testing
@testable import DynamoExpressions

@Test func DynamoExpressionsModuleLoads() {}
