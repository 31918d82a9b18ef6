import DynamoModel

/// The exceptions of the backup and restore APIs. Restores and backups name tables with
/// TableNotFoundException / TableAlreadyExistsException, not the ResourceNotFound /
/// ResourceInUse pair the table APIs use.
/// Texts: AWS's as recorded by AWS-verified tests (moto's `dynamodb_aws_verified` export tests
/// for the PITR text) and by emulators checked against the live service; see README.
extension DynamoError {
    static func tableNotFoundException(_ name: String) -> DynamoError {
        DynamoError(code: "TableNotFoundException", message: "Table not found: \(name)")
    }

    static func tableAlreadyExists(_ name: String) -> DynamoError {
        DynamoError(code: "TableAlreadyExistsException", message: "Table already exists: \(name)")
    }

    static func backupNotFound(_ arn: String) -> DynamoError {
        DynamoError(code: "BackupNotFoundException", message: "Backup not found: \(arn)")
    }

    static func pointInTimeRecoveryUnavailable(_ name: String) -> DynamoError {
        DynamoError(code: "PointInTimeRecoveryUnavailableException", message: "Point in time recovery is not enabled for table '\(name)'")
    }

    static func invalidRestoreTime() -> DynamoError {
        DynamoError(code: "InvalidRestoreTimeException",
                    message: "Invalid restore time specified. RestoreDateTime must be between EarliestRestorableDateTime and LatestRestorableDateTime.")
    }
}

/// Reads an AWS JSON-protocol timestamp member (epoch seconds as a JSON number).
enum TimestampParam {
    static func read(_ p: Params, _ key: String) throws(DynamoError) -> Double? {
        guard let v = p[key] else { return nil }
        switch v {
        case .number(let text):
            guard let d = Double(text) else { throw .serialization("Invalid number") }
            return d
        case .string(let text):
            // Clients send numbers; an ISO-8601 string is accepted as the CLI would have sent it.
            if let d = Double(text) { return d }
            if let d = ISO8601Parsing.epoch(text) { return d }
            throw .serialization("class java.lang.String can not be converted to an Date")
        case .bool: throw .serialization("class java.lang.Boolean can not be converted to an Date")
        case .array: throw .serialization("Start of list found where not expected")
        case .object: throw .serialization("Start of structure or map found where not expected.")
        case .null: return nil
        }
    }
}

/// Minimal ISO-8601 (`2024-01-02T03:04:05[.123][Z|±hh:mm]`) to epoch seconds.
enum ISO8601Parsing {
    static func epoch(_ text: String) -> Double? {
        let chars = Array(text.utf8)
        func number(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= chars.count else { return nil }
            var v = 0
            for c in chars[from..<(from + count)] {
                guard c >= 48 && c <= 57 else { return nil }
                v = v * 10 + Int(c - 48)
            }
            return v
        }
        guard chars.count >= 19, let y = number(0, 4), let mo = number(5, 2), let d = number(8, 2),
              let h = number(11, 2), let mi = number(14, 2), let s = number(17, 2) else { return nil }
        var i = 19
        var fraction = 0.0
        if i < chars.count && chars[i] == UInt8(ascii: ".") {
            var scale = 0.1
            i += 1
            while i < chars.count, chars[i] >= 48 && chars[i] <= 57 {
                fraction += Double(chars[i] - 48) * scale
                scale /= 10
                i += 1
            }
        }
        var offset = 0
        if i < chars.count {
            if chars[i] == UInt8(ascii: "Z") {
                i += 1
            } else if chars[i] == UInt8(ascii: "+") || chars[i] == UInt8(ascii: "-") {
                guard let oh = number(i + 1, 2), let om = number(i + 4, 2) else { return nil }
                offset = (oh * 3600 + om * 60) * (chars[i] == UInt8(ascii: "+") ? 1 : -1)
                i += 6
            }
        }
        guard i == chars.count else { return nil }
        return Double(UTCTime.epochSeconds(year: y, month: mo, day: d, hour: h, minute: mi, second: s) - offset) + fraction
    }
}
