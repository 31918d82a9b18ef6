import IdentityOperations
import Testing
@testable import WardenServer

@Suite("Query protocol responses: the result envelope and the error document")
struct QueryResponseTests {
    @Test("response shape")
    func xml() {
        let body = String(decoding: QueryResponse.body(action: "GetUser", service: .iam,
                                                       result: [.node("User", [.leaf("UserName", "a&b"), .empty])], requestId: "r1"), as: UTF8.self)
        #expect(body == """
            <GetUserResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
              <GetUserResult>
                <User>
                  <UserName>a&amp;b</UserName>
                </User>
              </GetUserResult>
              <ResponseMetadata>
                <RequestId>r1</RequestId>
              </ResponseMetadata>
            </GetUserResponse>

            """)
        let empty = String(decoding: QueryResponse.body(action: "DeleteUser", service: .iam, result: nil, requestId: "r"), as: UTF8.self)
        #expect(!empty.contains("DeleteUserResult"))
    }

    @Test("error XML: Type, Code, Message, RequestId and the status")
    func errors() {
        let response = ErrorRendering.response(.query(.noSuchUser("bob"), .iam), requestId: "r2")
        #expect(response.status == 404)
        let text = String(decoding: response.body, as: UTF8.self)
        #expect(text.contains("<Type>Sender</Type>"))
        #expect(text.contains("<Code>NoSuchEntity</Code>"))
        #expect(text.contains("<Message>The user with name bob cannot be found.</Message>"))
        #expect(text.contains("<RequestId>r2</RequestId>"))
        #expect(text.hasPrefix(#"<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">"#))
    }
}
