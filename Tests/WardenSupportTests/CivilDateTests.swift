import Testing
import WardenSupport

@Suite("CivilDate")
struct CivilDateTests {
    @Test func knownDays() {
        #expect(CivilDate.days(year: 1970, month: 1, day: 1) == 0)
        #expect(CivilDate.days(year: 2000, month: 3, day: 1) == 11_017)
        #expect(CivilDate.days(year: 1969, month: 12, day: 31) == -1)
        #expect(CivilDate.days(year: 1, month: 1, day: 1) == -719_162)
    }

    @Test func roundTripsAcrossLeapYears() {
        for days in stride(from: -800_000, through: 3_000_000, by: 997) {
            let (y, m, d) = CivilDate.date(days: days)
            #expect(CivilDate.days(year: y, month: m, day: d) == days)
            #expect((1...CivilDate.daysIn(month: m, year: y)).contains(d))
        }
    }

    @Test func monthLengths() {
        #expect(CivilDate.daysIn(month: 2, year: 2024) == 29)
        #expect(CivilDate.daysIn(month: 2, year: 1900) == 28)
        #expect(CivilDate.daysIn(month: 2, year: 2000) == 29)
        #expect(CivilDate.daysIn(month: 4, year: 2023) == 30)
        #expect(CivilDate.daysIn(month: 12, year: 2023) == 31)
    }
}
