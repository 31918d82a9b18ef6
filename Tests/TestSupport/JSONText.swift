import DynamoModel

/// Parses JSON text written in a test (a typo in the test's own JSON stops the test).
package func json(_ text: String) -> JSONValue {
    try! JSONParser.parse(text)
}
