import Testing
@testable import AWSBackup

@Suite struct RoutingTests {
    @Test func routesFollowTheServiceModel() {
        #expect(BackupRoutes.route(method: "PUT", path: "/backup-vaults/v1") == BackupRoute(operation: "CreateBackupVault", pathParameters: ["backupVaultName": "v1"]))
        #expect(BackupRoutes.route(method: "GET", path: "/backup-vaults/")?.operation == "ListBackupVaults")
        #expect(BackupRoutes.route(method: "GET", path: "/backup-vaults/v1/recovery-points/")?.operation == "ListRecoveryPointsByBackupVault")
        #expect(BackupRoutes.route(method: "PUT", path: "/backup/plans/")?.operation == "CreateBackupPlan")
        #expect(BackupRoutes.route(method: "POST", path: "/backup/plans/abc")?.pathParameters == ["backupPlanId": "abc"])
        #expect(BackupRoutes.route(method: "DELETE", path: "/backup/plans/p/selections/s")?.pathParameters == ["backupPlanId": "p", "selectionId": "s"])
        #expect(BackupRoutes.route(method: "PUT", path: "/backup-jobs")?.operation == "StartBackupJob")
        #expect(BackupRoutes.route(method: "GET", path: "/backup-jobs/J%2D1")?.pathParameters == ["backupJobId": "J-1"])
        #expect(BackupRoutes.route(method: "GET", path: "/resources/")?.operation == "ListProtectedResources")
        #expect(BackupRoutes.route(method: "PATCH", path: "/backup-vaults/v1") == nil)
        #expect(BackupRoutes.claims("/backup-vaults/x") && BackupRoutes.claims("/resources/") && !BackupRoutes.claims("/"))
    }
}
