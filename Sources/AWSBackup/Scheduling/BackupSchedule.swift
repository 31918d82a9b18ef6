import WardenSupport

/// A backup rule's `ScheduleExpression`, for the forms run here: `cron(M H DOM MON DOW YEAR)`
/// with a minute number; hours as a number, a comma list, `*`, `*/N` or `A/N`; day of month `?`,
/// `*` or a number; month `*`; day of week `?`, `*`, 1–7 or SUN–SAT; year `*` — in UTC. Other
/// expressions are stored and never run (https://docs.aws.amazon.com/aws-backup/latest/devguide/creating-a-backup-plan.html).
struct BackupSchedule: Equatable {
    var minute: Int
    var hours: [Int]
    var dayOfMonth: Int?
    /// 1 = Sunday … 7 = Saturday.
    var dayOfWeek: Int?

    init?(_ expression: String) {
        guard expression.hasPrefix("cron("), expression.hasSuffix(")") else { return nil }
        let f = expression.dropFirst(5).dropLast().split(separator: " ").map(String.init)
        guard f.count == 6, let m = Int(f[0]), (0...59).contains(m), f[3] == "*", f[5] == "*" else { return nil }
        minute = m
        guard let h = Self.hours(f[1]) else { return nil }
        hours = h
        switch f[2] {
        case "?", "*": dayOfMonth = nil
        default:
            guard let d = Int(f[2]), (1...31).contains(d) else { return nil }
            dayOfMonth = d
        }
        let names = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"]
        switch f[4] {
        case "?", "*": dayOfWeek = nil
        default:
            if let d = Int(f[4]), (1...7).contains(d) { dayOfWeek = d } else if let i = names.firstIndex(of: f[4].uppercased()) { dayOfWeek = i + 1 } else { return nil }
        }
    }

    static func hours(_ field: String) -> [Int]? {
        if field == "*" { return Array(0...23) }
        if field.contains("/") {
            let p = field.split(separator: "/", omittingEmptySubsequences: false)
            guard p.count == 2, let step = Int(p[1]), step >= 1 else { return nil }
            let start = p[0] == "*" ? 0 : Int(p[0])
            guard let start, (0...23).contains(start) else { return nil }
            return Array(stride(from: start, through: 23, by: step))
        }
        let list = field.split(separator: ",").map { Int($0) }
        guard !list.isEmpty, list.allSatisfy({ $0.map { (0...23).contains($0) } ?? false }) else { return nil }
        return list.compactMap { $0 }.sorted()
    }

    /// The latest run time in `(after, upTo]`, if any (looking back at most 400 days).
    func latest(after: Double, upTo: Double) -> Double? {
        guard upTo > after else { return nil }
        let lastDay = Int((upTo / 86_400).rounded(.down))
        let firstDay = max(Int((after / 86_400).rounded(.down)), lastDay - 400)
        for day in stride(from: lastDay, through: firstDay, by: -1) {
            let date = CivilDate.date(days: day)
            if let dom = dayOfMonth, date.day != dom { continue }
            // 1970-01-01 (day 0) was a Thursday (5).
            if let dow = dayOfWeek, ((day % 7 + 7) % 7 + 4) % 7 + 1 != dow { continue }
            for hour in hours.reversed() {
                let t = Double(day) * 86_400 + Double(hour * 3600 + minute * 60)
                if t > after && t <= upTo { return t }
            }
        }
        return nil
    }
}
