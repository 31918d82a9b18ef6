// AuditTrail module
