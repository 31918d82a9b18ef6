/// The `dynamodb:Select` condition key of reads.
///
/// Query and Scan carry their Select parameter (or its default: SPECIFIC_ATTRIBUTES with a
/// projection, ALL_PROJECTED_ATTRIBUTES on an index, ALL_ATTRIBUTES otherwise). GetItem,
/// BatchGetItem and TransactGetItems have no Select parameter; Warden supplies the value
/// their projection implies — SPECIFIC_ATTRIBUTES with a ProjectionExpression/AttributesToGet,
/// ALL_ATTRIBUTES without — which is what makes AWS's documented attribute-restriction policy
/// (`ForAllValues:StringEquals dynamodb:Attributes` + `StringEqualsIfExists dynamodb:Select
/// SPECIFIC_ATTRIBUTES`, https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_dynamodb_attributes.html)
/// refuse a whole-item GetItem instead of letting it through with no Attributes key.
enum ReadSelect {
    static func implied(projection: Bool) -> String {
        projection ? "SPECIFIC_ATTRIBUTES" : "ALL_ATTRIBUTES"
    }

    static func query(_ select: String?, projection: Bool, index: Bool) -> String {
        select ?? (projection ? "SPECIFIC_ATTRIBUTES" : (index ? "ALL_PROJECTED_ATTRIBUTES" : "ALL_ATTRIBUTES"))
    }
}
