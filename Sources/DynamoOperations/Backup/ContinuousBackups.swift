import DynamoModel
import DynamoStorage

/// The restorable window of a table with point-in-time recovery, in whole seconds on the
/// simulated clock: from the first second after PITR was (last) enabled or the recovery period
/// began, whichever is later, to five minutes ago (never before the earliest), as AWS reports
/// it. A restore to second S gives the items as they were at S.000.
struct PITRWindow: Equatable {
    static let lag: Double = 300

    var earliest: Double
    var latest: Double

    init(_ settings: PITRSettings, now: Double) {
        let period = Double(settings.recoveryPeriodInDays) * 86_400
        earliest = max(settings.enabledAt, now - period).rounded(.up)
        latest = max(earliest, (now - PITRWindow.lag).rounded(.down))
    }

    func contains(_ second: Double) -> Bool { second >= earliest && second <= latest }
}

enum ContinuousBackupsRendering {
    /// `ContinuousBackupsDescription`. Continuous backups are ENABLED on every table from its
    /// creation (API_UpdateContinuousBackups); PITR is what the switch turns on and off.
    static func description(_ table: TableDefinition, now: Double) -> JSONValue {
        var pitr: [(String, JSONValue)]
        if let settings = table.pitr, settings.enabled {
            let window = PITRWindow(settings, now: now)
            pitr = [("PointInTimeRecoveryStatus", "ENABLED"),
                    ("RecoveryPeriodInDays", .int(settings.recoveryPeriodInDays)),
                    ("EarliestRestorableDateTime", .timestamp(window.earliest)),
                    ("LatestRestorableDateTime", .timestamp(window.latest))]
        } else {
            pitr = [("PointInTimeRecoveryStatus", "DISABLED")]
        }
        return ["ContinuousBackupsStatus": "ENABLED", "PointInTimeRecoveryDescription": .object(pitr)]
    }
}

/// UpdateContinuousBackups — https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateContinuousBackups.html
/// Turns point-in-time recovery on (resetting the earliest restorable time, as AWS documents)
/// or off, and sets the recovery period (1–35 days, default 35).
struct UpdateContinuousBackups: TableOperation {
    static let name = "UpdateContinuousBackups"
    static let action = "dynamodb:UpdateContinuousBackups"
    static let readOnly = false
    static let defaultPeriod = 35

    let tableName: String
    let enabled: Bool
    let period: Int?

    init(params p: Params, env: RequestEnvironment) throws(DynamoError) {
        var c = Constraints()
        tableName = try TableNameParam.read(p, constraints: &c)
        let spec = try p.structure("PointInTimeRecoverySpecification")
        c.notNull(spec, at: "pointInTimeRecoverySpecification")
        let enabled = try spec?.bool("PointInTimeRecoveryEnabled")
        let period = try spec?.int("RecoveryPeriodInDays")
        if spec != nil { c.notNull(enabled, at: "pointInTimeRecoverySpecification.pointInTimeRecoveryEnabled") }
        c.atLeast(period, at: "pointInTimeRecoverySpecification.recoveryPeriodInDays", 1)
        c.atMost(period, at: "pointInTimeRecoverySpecification.recoveryPeriodInDays", 35)
        try c.check()
        if enabled == false, period != nil {
            throw .validation("One or more parameter values were invalid: RecoveryPeriodInDays cannot be specified when PointInTimeRecoveryEnabled is false")
        }
        self.enabled = enabled ?? false
        self.period = period.map { Int($0) }
    }


    func execute(service: DynamoService, env: RequestEnvironment, completion: @escaping Completion) {
        let key = service.tableKey(tableName, env: env)
        guard service.catalog.get(key) != nil else { return completion(.failure(.tableNotFoundException(key.name))) }
        let enabled = self.enabled, period = self.period
        service.changeTable(key, completion: completion) { table, _ in
            if enabled {
                let wasOn = table.pitr?.enabled == true
                let days = period ?? (wasOn ? table.pitr!.recoveryPeriodInDays : UpdateContinuousBackups.defaultPeriod)
                table.pitr = PITRSettings(enabled: true, recoveryPeriodInDays: days, enabledAt: wasOn ? table.pitr!.enabledAt : env.now)
            } else if table.pitr != nil {
                table.pitr?.enabled = false
            }
            return ["ContinuousBackupsDescription": ContinuousBackupsRendering.description(table, now: env.now)]
        }
    }
}

/// DescribeContinuousBackups — https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DescribeContinuousBackups.html
struct DescribeContinuousBackups: TableNameOperation {
    static let name = "DescribeContinuousBackups"
    static let action = "dynamodb:DescribeContinuousBackups"
    static let readOnly = true
    let tableName: String

    func execute(service: DynamoService, env: RequestEnvironment, completion: @escaping Completion) {
        guard let table = service.table(tableName, env: env) else {
            return completion(.failure(.tableNotFoundException(service.tableKey(tableName, env: env).name)))
        }
        completion(.success(encode(["ContinuousBackupsDescription": ContinuousBackupsRendering.description(table, now: env.now)])))
    }
}
