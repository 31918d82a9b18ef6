import Testing
@testable import WardenServer

@Test func WardenServerModuleLoads() {}
