import IdeateCore

/// The facilitator console as a function of the session: state in, a frame of cells out.
/// Nothing here touches a terminal; the backend draws the frame.
public enum ConsoleView {
    /// The frame for `state` at `width`×`height`. `model.scroll` is kept in step with the cursor.
    public static func render(
        state: SessionState, model: inout ConsoleModel, context: ConsoleContext, now: Instant, width: Int, height: Int
    ) -> CellGrid {
        guard width >= ScreenFrame.minimumWidth, height >= ScreenFrame.minimumHeight else {
            return ScreenFrame.tooSmall(width: width, height: height)
        }
        model.follow(state)
        let count = ConsoleLists.ideas(for: state, model: model).count
        model.cursor = min(model.cursor, max(0, count - 1))
        var grid = CellGrid(width: width, height: height)
        ScreenFrame.drawHeader(&grid, state: state, context: context)
        switch state.stage {
        case .lobby:
            if let page = model.earlierPage, let earlier = state.earlierExperiments {
                EarlierExperimentsScreen.draw(&grid, experiments: earlier, page: page)
            } else {
                LobbyScreen.draw(&grid, state: state, context: context)
            }
        case .finished:
            EndScreen.draw(&grid, state: state, context: context)
        case .running(_, .ideate), .running(_, .build):
            IdeaFlowScreen.draw(&grid, state: state, model: &model, now: now)
        case .running(_, .group):
            GroupScreen.draw(&grid, state: state, model: &model, now: now)
        case .running(_, .vote) where !state.isLocked:
            VoteScreen.draw(&grid, state: state, model: &model, now: now)
        case .running(_, .vote), .running(_, .review):
            ResultsScreen.draw(&grid, state: state, model: &model)
        }
        ScreenFrame.drawStatus(&grid, model: model, state: state, context: context)
        ScreenFrame.drawFooter(&grid, hints: ScreenFrame.hints(for: state, model: model))
        if let overlay = model.overlay { Overlays.draw(overlay, on: &grid, state: state, model: model) }
        return grid
    }
}
