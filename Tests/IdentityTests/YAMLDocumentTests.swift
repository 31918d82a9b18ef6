import Testing
@testable import Identity

@Suite("YAML documents")
struct YAMLDocumentTests {
    @Test("plain scalars with colons stay strings")
    func colons() throws {
        let config = try ConfigLoader.parse("""
        accounts:
          - id: "111111111111"
            policies:
              - name: P
                document:
                  Version: 2012-10-17
                  Statement:
                    - Effect: Allow
                      Action: sts:AssumeRole
                      Resource: arn:aws:dynamodb:us-east-1:111111111111:table/GameScores
                      Condition: {NumericLessThan: {"aws:EpochTime": 2000000000}}
        """, yaml: true)
        #expect(config.accounts[0].policies![0].document.text
            == #"{"Statement":[{"Action":"sts:AssumeRole","Condition":{"NumericLessThan":{"aws:EpochTime":"2000000000"}},"Effect":"Allow","Resource":"arn:aws:dynamodb:us-east-1:111111111111:table/GameScores"}],"Version":"2012-10-17"}"#)
    }
}
