import DynamoModel
import Testing
@testable import DynamoExpressions
