import Testing
@testable import AccessPolicy

@Test func AccessPolicyModuleLoads() {}
