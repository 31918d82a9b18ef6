import WardenSupport

/// Runs a backup job to its end: a real DynamoDB backup of the table (a table that does not
/// exist fails the job), then the job saved with its recovery point. Used by StartBackupJob and
/// by scheduled rules.
enum BackupJobRunner {
    static func run(_ job: BackupJob, store: BackupStore, tables: any BackupTables,
                    completion: @escaping @Sendable (Result<BackupJob, BackupError>) -> Void) {
        let finish: @Sendable (BackupJob) -> Void = { done in
            do throws(BackupError) {
                let (saved, write) = try store.transact { (s: inout BackupStore.State) throws(BackupError) -> BackupJob in
                    var j = done
                    j.sequence = (s.jobs.values.map(\.sequence).max() ?? 0) + 1
                    s.save(j)
                    return j
                }
                write.whenDone { stored in
                    if case .failure(let e) = stored { return completion(.failure(.internalFailure("\(e)"))) }
                    completion(.success(saved))
                }
            } catch {
                completion(.failure(error))
            }
        }
        var ended = job
        ended.completionDate = job.creationDate
        guard tables.table(arn: job.resourceArn) != nil else {
            ended.state = "FAILED"
            ended.statusMessage = "Resource not found: \(job.resourceArn)"
            return finish(ended)
        }
        let started = ended
        tables.takeBackup(tableArn: job.resourceArn, name: "AwsBackup-\(job.id)", now: job.creationDate) { result in
            var done = started
            switch result {
            case .success(let taken):
                done.state = "COMPLETED"
                done.recoveryPointArn = taken.arn
                done.sizeBytes = taken.sizeBytes
            case .failure(let error):
                done.state = "FAILED"
                done.statusMessage = error.message
            }
            finish(done)
        }
    }
}
