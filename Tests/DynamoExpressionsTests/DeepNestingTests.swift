import DynamoModel
import Testing
@testable import DynamoExpressions

struct DeepNestingTests {
    @Test func deeplyNestedParenthesesStayWithinTheStack() async {
        let depth = 2040
        let condition = String(repeating: "(", count: depth) + "a = :v" + String(repeating: ")", count: depth)
        let operand = String(repeating: "(", count: depth) + "a" + String(repeating: ")", count: depth) + " = :v"
        let update = "SET a = " + String(repeating: "(", count: depth) + "b" + String(repeating: ")", count: depth)
        let results = await Task.detached {
            [conditionError(condition, values: v), conditionError(operand, values: v), updateError(update)]
        }.value
        #expect(results[0] == "Invalid ConditionExpression: The expression has redundant parentheses;")
        #expect(results[1] == "Invalid ConditionExpression: The expression has redundant parentheses;")
        // UpdateExpression allows one level of parentheses around the value and one around
        // each operand (dynalite's grammar, which accepts "set a = ((b.c.d)+(e))" as DynamoDB does).
        #expect(results[2] == #"Invalid UpdateExpression: Syntax error; token: "(", near: "(((""#)
        #expect(updateError("set a = ((b.c.d)+(e))") == nil)
    }
}
