/// A few AWS managed policies (`arn:aws:iam::aws:policy/NAME`) that workshops attach.
/// Their documents keep only the statements about services Warden serves (DynamoDB, IAM,
/// STS); AWS's own versions also grant CloudWatch, Application Auto Scaling, DAX and more.
public enum AWSManagedPolicies {
    public struct Entry: Sendable {
        public var name: String
        public var id: String
        public var path: String
        public var description: String
        public var document: String
        public var arn: String { "arn:aws:iam::aws:policy\(path)\(name)" }
    }

    /// Fixed creation date of the built-ins (2015-02-06T18:39:46Z, when most were published).
    public static let createDate: Double = 1_423_248_000 + 66_000 + 1_186

    public static let all: [Entry] = [
        Entry(name: "AdministratorAccess", id: "ANPAIWMBCKSKIEE64ZLYK", path: "/",
              description: "Provides full access to AWS services and resources.",
              document: #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#),
        Entry(name: "PowerUserAccess", id: "ANPAJYRXTHIB4FOVS3ZXS", path: "/",
              description: "Provides full access to AWS services and resources, but does not allow management of Users and groups.",
              document: #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotAction":["iam:*","organizations:*","account:*"],"Resource":"*"},{"Effect":"Allow","Action":["iam:CreateServiceLinkedRole","iam:DeleteServiceLinkedRole","iam:ListRoles","organizations:DescribeOrganization","account:ListRegions","account:GetAccountInformation"],"Resource":"*"}]}"#),
        Entry(name: "AmazonDynamoDBFullAccess", id: "ANPAINUGF2JSOSUY76KYA", path: "/",
              description: "Provides full access to Amazon DynamoDB via the AWS Management Console.",
              document: #"{"Version":"2012-10-17","Statement":[{"Action":["dynamodb:*"],"Effect":"Allow","Resource":"*"}]}"#),
        Entry(name: "AmazonDynamoDBReadOnlyAccess", id: "ANPAIY2XFNA232XJ6J7X2", path: "/",
              description: "Provides read only access to Amazon DynamoDB via the AWS Management Console.",
              document: #"{"Version":"2012-10-17","Statement":[{"Action":["dynamodb:BatchGetItem","dynamodb:Describe*","dynamodb:List*","dynamodb:GetAbacStatus","dynamodb:GetItem","dynamodb:GetResourcePolicy","dynamodb:Query","dynamodb:Scan","dynamodb:PartiQLSelect"],"Effect":"Allow","Resource":"*"}]}"#),
        Entry(name: "IAMFullAccess", id: "ANPAI7XKCFMBPM3QQRRVQ", path: "/",
              description: "Provides full access to IAM via the AWS Management Console.",
              document: #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["iam:*","organizations:DescribeAccount","organizations:DescribeOrganization","organizations:DescribeOrganizationalUnit","organizations:DescribePolicy","organizations:ListChildren","organizations:ListParents","organizations:ListPoliciesForTarget","organizations:ListRoots","organizations:ListPolicies","organizations:ListTargetsForPolicy"],"Resource":"*"}]}"#),
        Entry(name: "IAMReadOnlyAccess", id: "ANPAJKSO7NDY4T57MWDSQ", path: "/",
              description: "Provides read only access to IAM via the AWS Management Console.",
              document: #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["iam:GenerateCredentialReport","iam:GenerateServiceLastAccessedDetails","iam:Get*","iam:List*","iam:SimulateCustomPolicy","iam:SimulatePrincipalPolicy"],"Resource":"*"}]}"#),
    ]

    static let byArn: [String: Entry] = Dictionary(uniqueKeysWithValues: all.map { ($0.arn, $0) })

    public static func entry(arn: String) -> Entry? { byArn[arn] }
}
