import Testing
@testable import Identity

@Test func IdentityModuleLoads() {}
