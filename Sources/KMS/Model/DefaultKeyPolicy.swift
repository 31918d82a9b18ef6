/// The key policy KMS gives a key created through the API without one: it allows the
/// account (its root) every KMS action, which delegates to the account's IAM policies
/// ("Default key policy", https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html).
/// Written as GetKeyPolicy returns it.
public enum DefaultKeyPolicy {
    public static func document(account: String) -> String {
        """
        {
          "Version" : "2012-10-17",
          "Id" : "key-default-1",
          "Statement" : [ {
            "Sid" : "Enable IAM User Permissions",
            "Effect" : "Allow",
            "Principal" : {
              "AWS" : "arn:aws:iam::\(account):root"
            },
            "Action" : "kms:*",
            "Resource" : "*"
          } ]
        }
        """
    }
}
