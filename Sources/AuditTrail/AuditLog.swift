import Logging

/// The audit trail's own operational log (delivery, storage and signing failures): a failure
/// here never fails a request, so it must at least be reported.
let auditLog = Logger(label: "warden.audit")
