import FoundationEssentials
import PostureAudit
import WardenSupport

/// Gathers a `PostureSnapshot` through the endpoint's public APIs (DynamoDB, IAM, CloudTrail,
/// KMS, AWS Backup, Application Auto Scaling), signed as the caller: the audit sees exactly
/// what the caller may see.
struct PostureFetch {
    let http: SignedHTTP

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    func snapshot() throws -> PostureSnapshot {
        var snapshot = PostureSnapshot()
        for name in try tableNames() {
            guard let description = try dynamo("DescribeTable", ["TableName": .string(name)])["Table"] else { continue }
            var table = TableState(description: description)
            table.continuousBackups = try dynamo("DescribeContinuousBackups", ["TableName": .string(name)])["ContinuousBackupsDescription"]
            table.timeToLive = try dynamo("DescribeTimeToLive", ["TableName": .string(name)])["TimeToLiveDescription"]
            table.tags = try tags(of: table.arn)
            table.resourcePolicy = try resourcePolicy(table.arn)
            if let stream = table.streamArn { table.streamPolicy = try resourcePolicy(stream) }
            if let key = description["SSEDescription"]?["KMSMasterKeyArn"]?.stringValue {
                table.kmsKeyManager = (try? call(service: "kms", target: "TrentService.DescribeKey", ["KeyId": .string(key)]))?["KeyMetadata"]?["KeyManager"]?.stringValue
            }
            snapshot.tables.append(table)
        }
        snapshot.identityPolicies = try identityPolicies()
        snapshot.trails = try trails()
        snapshot.backupSelections = try backupSelections()
        snapshot.scalableTargets = try scaling("DescribeScalableTargets", "ScalableTargets")
        snapshot.scalingPolicies = try scaling("DescribeScalingPolicies", "ScalingPolicies")
        return snapshot
    }

    // MARK: DynamoDB

    func tableNames() throws -> [String] {
        var names: [String] = [], start: String?
        repeat {
            var body: [(String, JSONValue)] = []
            if let start { body.append(("ExclusiveStartTableName", .string(start))) }
            let page = try dynamo("ListTables", .object(body))
            names += page["TableNames"]?.arrayValue?.compactMap(\.stringValue) ?? []
            start = page["LastEvaluatedTableName"]?.stringValue
        } while start != nil
        return names
    }

    func tags(of arn: String) throws -> [String: String] {
        var tags: [String: String] = [:], token: String?
        repeat {
            var body: [(String, JSONValue)] = [("ResourceArn", .string(arn))]
            if let token { body.append(("NextToken", .string(token))) }
            let page = try dynamo("ListTagsOfResource", .object(body))
            for tag in page["Tags"]?.arrayValue ?? [] {
                if let k = tag["Key"]?.stringValue, let v = tag["Value"]?.stringValue { tags[k] = v }
            }
            token = page["NextToken"]?.stringValue
        } while token != nil
        return tags
    }

    func resourcePolicy(_ arn: String) throws -> String? {
        do {
            return try dynamo("GetResourcePolicy", ["ResourceArn": .string(arn)])["Policy"]?.stringValue
        } catch let failure as Failure where failure.description.contains("PolicyNotFoundException") {
            return nil
        }
    }

    func dynamo(_ operation: String, _ body: JSONValue) throws -> JSONValue {
        try call(service: "dynamodb", target: "DynamoDB_20120810.\(operation)", body, contentType: "application/x-amz-json-1.0")
    }

    // MARK: AWS Backup (REST-JSON) and Application Auto Scaling

    /// The `BackupSelection` of every selection of every (not deleted) backup plan.
    func backupSelections() throws -> [JSONValue] {
        var out: [JSONValue] = []
        for plan in try backupList("/backup/plans/", "BackupPlansList") {
            guard let id = plan["BackupPlanId"]?.stringValue else { continue }
            let path = "/backup/plans/\(Self.pathEncode(id))/selections/"
            for selection in try backupList(path, "BackupSelectionsList") {
                guard let sid = selection["SelectionId"]?.stringValue else { continue }
                if let document = try backup(path + Self.pathEncode(sid), query: "")["BackupSelection"] { out.append(document) }
            }
        }
        return out
    }

    func backupList(_ path: String, _ member: String) throws -> [JSONValue] {
        var all: [JSONValue] = [], token: String?
        repeat {
            let page = try backup(path, query: token.map { "nextToken=" + Self.formEncode($0) } ?? "")
            all += page[member]?.arrayValue ?? []
            token = page["NextToken"]?.stringValue
        } while token != nil
        return all
    }

    func backup(_ path: String, query: String) throws -> JSONValue {
        let (status, answer) = try send { try http.send(method: "GET", path: path, query: query, body: [], service: "backup") }
        guard status == 200, let json = try? JSONParser.parse(answer) else {
            let error = (try? JSONParser.parse(answer)).map { "\($0["Code"]?.stringValue ?? ""): \($0["Message"]?.stringValue ?? "")" }
            throw Failure(description: "AWS Backup GET \(path): HTTP \(status): \(error ?? String(decoding: answer, as: UTF8.self))")
        }
        return json
    }

    /// Every DynamoDB entry of an Application Auto Scaling Describe call.
    func scaling(_ operation: String, _ member: String) throws -> [JSONValue] {
        var all: [JSONValue] = [], token: String?
        repeat {
            var body: [(String, JSONValue)] = [("ServiceNamespace", "dynamodb")]
            if let token { body.append(("NextToken", .string(token))) }
            let page = try call(service: "application-autoscaling", target: "AnyScaleFrontendService.\(operation)", .object(body))
            all += page[member]?.arrayValue ?? []
            token = page["NextToken"]?.stringValue
        } while token != nil
        return all
    }

    static func pathEncode(_ value: String) -> String {
        PercentEncoding.encode(value)
    }

    // MARK: CloudTrail

    func trails() throws -> [TrailState] {
        let prefix = "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101."
        let list = try call(service: "cloudtrail", target: prefix + "DescribeTrails", [:])["trailList"]?.arrayValue ?? []
        return try list.compactMap { trail in
            guard let arn = trail["TrailARN"]?.stringValue, let name = trail["Name"]?.stringValue else { return nil }
            let status = try call(service: "cloudtrail", target: prefix + "GetTrailStatus", ["Name": .string(arn)])
            let selectors = try call(service: "cloudtrail", target: prefix + "GetEventSelectors", ["TrailName": .string(arn)])
            return TrailState(name: name, isLogging: status["IsLogging"]?.boolValue == true, selectors: selectors)
        }
    }

    // MARK: IAM (Query protocol, XML answers)

    func identityPolicies() throws -> [IdentityPolicy] {
        var out: [IdentityPolicy] = []
        for (kind, list, nameTag) in [("User", "ListUsers", "UserName"), ("Role", "ListRoles", "RoleName"), ("Group", "ListGroups", "GroupName")] {
            for holder in try iamList(["Action": list]) {
                guard let name = XMLText.value(holder, nameTag), let arn = XMLText.value(holder, "Arn") else { continue }
                for policy in try iamList(["Action": "List\(kind)Policies", nameTag: name]).map(XMLText.unescape) {
                    let answer = try iam(["Action": "Get\(kind)Policy", nameTag: name, "PolicyName": policy])
                    let who: IdentityPolicy.Holder = kind == "User" ? .user(name) : kind == "Role" ? .role(name) : .group(name)
                    out.append(IdentityPolicy(holder: who, arn: arn, policyName: policy, document: XMLText.document(answer, "PolicyDocument")))
                }
            }
        }
        for policy in try iamList(["Action": "ListPolicies", "Scope": "Local"]) {
            guard let name = XMLText.value(policy, "PolicyName"), let arn = XMLText.value(policy, "Arn"),
                  let version = XMLText.value(policy, "DefaultVersionId") else { continue }
            let answer = try iam(["Action": "GetPolicyVersion", "PolicyArn": arn, "VersionId": version])
            out.append(IdentityPolicy(holder: .managed, arn: arn, policyName: name, document: XMLText.document(answer, "Document")))
        }
        return out
    }

    /// Every `<member>` of a listing, following `Marker` while `IsTruncated`.
    func iamList(_ parameters: [String: String]) throws -> [String] {
        var members: [String] = [], marker: String?
        repeat {
            var page = parameters
            page["MaxItems"] = "1000"
            if let marker { page["Marker"] = marker }
            let answer = try iam(page)
            members += XMLText.blocks(answer, "member")
            marker = XMLText.value(answer, "IsTruncated") == "true" ? XMLText.value(answer, "Marker") : nil
        } while marker != nil
        return members
    }

    func iam(_ parameters: [String: String]) throws -> String {
        var form = parameters.sorted { $0.key < $1.key }.map { "\($0.key)=\(Self.formEncode($0.value))" }
        form.append("Version=2010-05-08")
        let (status, body) = try send {
            try http.send(method: "POST", path: "/", body: Array(form.joined(separator: "&").utf8), service: "iam",
                          contentType: "application/x-www-form-urlencoded; charset=utf-8")
        }
        let text = String(decoding: body, as: UTF8.self)
        guard status == 200 else {
            let error = XMLText.value(text, "Code").map { "\($0): \(XMLText.value(text, "Message") ?? "")" } ?? text
            throw Failure(description: "IAM \(parameters["Action"] ?? ""): HTTP \(status): \(error)")
        }
        return text
    }

    static func formEncode(_ value: String) -> String {
        PercentEncoding.encode(value)
    }

    // MARK: JSON protocols

    func call(service: String, target: String, _ body: JSONValue, contentType: String = "application/x-amz-json-1.1") throws -> JSONValue {
        let (status, answer) = try send {
            try http.send(method: "POST", path: "/", body: JSONWriter.encode(body), headers: [("X-Amz-Target", target)],
                          service: service, contentType: contentType)
        }
        guard status == 200, let json = try? JSONParser.parse(answer) else {
            throw Failure(description: "\(target): HTTP \(status): \(String(decoding: answer, as: UTF8.self))")
        }
        return json
    }

    func send(_ call: () throws -> (status: Int, body: [UInt8])) throws -> (status: Int, body: [UInt8]) {
        do { return try call() } catch let failure as SignedHTTP.Failure { throw Failure(description: failure.description) }
    }
}
