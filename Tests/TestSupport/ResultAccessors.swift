extension Result {
    /// The error, or nil on success.
    package var failureValue: Failure? {
        if case .failure(let f) = self { return f }
        return nil
    }

    /// The value, or nil on failure.
    package var successValue: Success? {
        if case .success(let s) = self { return s }
        return nil
    }
}
