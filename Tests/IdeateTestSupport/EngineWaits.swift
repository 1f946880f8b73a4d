import IdeateCore

extension WorkshopEngine {
    /// Returns the state once it satisfies `condition`, checking after every change (no poll),
    /// or the state as it is when the task is cancelled, so a test's time limit ends a wait
    /// for something that never happens.
    @discardableResult
    public func state(where condition: (SessionState) -> Bool) async -> SessionState {
        var changes = changes().makeAsyncIterator()
        while true {
            let state = await currentState()
            if condition(state) { return state }
            guard await changes.next() != nil else { return state }
        }
    }
}
