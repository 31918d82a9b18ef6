import Logging

/// DynamoDB operations' operational log: failures after a change has committed.
let operationsLog = Logger(label: "warden.dynamodb")
