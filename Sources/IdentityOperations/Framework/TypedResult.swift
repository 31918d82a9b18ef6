import Identity

extension Result where Failure == IdentityError {
    /// Runs a throwing body, keeping its typed error.
    init(_ body: () throws(IdentityError) -> Success) {
        do { self = .success(try body()) } catch { self = .failure(error) }
    }
}
