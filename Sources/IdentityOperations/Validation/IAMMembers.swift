import Identity

/// The validation every IAM operation starts with.
extension Validator {
    /// A required name member of IAM's name pattern.
    mutating func name(_ value: String?, _ member: String, max: Int = 64, required: Bool = true) {
        if required { self.required(value, member) }
        string(value, member, min: 1, max: max, pattern: .name)
    }

    mutating func document(_ value: String?, _ member: String, required: Bool = true, max: Int = 131_072) {
        if required { self.required(value, member) }
        string(value, member, min: 1, max: max, pattern: .policyDocument)
    }

    mutating func arn(_ value: String?, _ member: String, required: Bool = true) {
        if required { self.required(value, member) }
        string(value, member, min: 20, max: 2048)
    }
}
