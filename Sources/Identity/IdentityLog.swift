import Logging

/// Identity's operational log: storage failures behind an `InternalFailure` answer.
let identityLog = Logger(label: "warden.identity")
