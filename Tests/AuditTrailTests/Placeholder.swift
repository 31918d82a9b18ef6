import Testing
@testable import AuditTrail

@Test func AuditTrailModuleLoads() {}
