import IdeateCore

/// The facilitator console as a function of the session: state and the console's model in, a
/// frame of cells out. Nothing here touches a terminal or changes the model; the loop draws the
/// frame, and the console keeps the list's first row as drawn (``ConsoleFrame/scroll``).
public enum ConsoleView {
    /// The frame for `state` at `width`×`height`, for a model already settled on the state
    /// (``ConsoleModel/settle(for:)``).
    public static func render(
        state: SessionState, model: ConsoleModel, context: ConsoleContext, now: Instant, width: Int, height: Int
    ) -> ConsoleFrame {
        guard width >= ScreenFrame.minimumWidth, height >= ScreenFrame.minimumHeight else {
            return ConsoleFrame(grid: ScreenFrame.tooSmall(width: width, height: height, in: state.roomLanguage), scroll: model.scroll)
        }
        var grid = CellGrid(width: width, height: height)
        ScreenFrame.drawHeader(&grid, state: state, context: context)
        let scroll = drawStage(&grid, state: state, model: model, context: context, earlierPage: model.earlierPage, now: now)
        ScreenFrame.drawStatus(&grid, model: model, state: state, context: context)
        ScreenFrame.drawFooter(&grid, hints: ScreenFrame.hints(for: state, model: model))
        if let overlay = model.overlay { Overlays.draw(overlay, on: &grid, state: state, model: model) }
        return ConsoleFrame(grid: grid, scroll: scroll)
    }
}

extension ConsoleView {
    /// The screen of the stage the session is in, between header and footer: the console's, or
    /// the wall's (``ConsoleContext/isWall``: grouping as the room sees it). Returns the list's
    /// first row as drawn.
    static func drawStage(_ grid: inout CellGrid, state: SessionState, model: ConsoleModel, context: ConsoleContext, earlierPage: Int?,
                          now: Instant) -> Int {
        switch state.stage {
        case .lobby:
            if let page = earlierPage, let earlier = state.earlierExperiments {
                EarlierExperimentsScreen.draw(&grid, experiments: earlier, actionItems: state.openActionItems ?? [], page: page,
                                              language: state.roomLanguage)
            } else {
                LobbyScreen.draw(&grid, state: state, context: context)
            }
        case .finished:
            EndScreen.draw(&grid, state: state, context: context)
        case .running(_, .ideate), .running(_, .build):
            return IdeaFlowScreen.draw(&grid, state: state, model: model, context: context, now: now)
        case .running(_, .group) where context.isWall:
            WallGroupScreen.draw(&grid, state: state, now: now)
        case .running(_, .group):
            return GroupScreen.draw(&grid, state: state, model: model, now: now)
        case .running(_, .vote) where !state.isLocked:
            return VoteScreen.draw(&grid, state: state, model: model, now: now)
        case .running(_, .rate):
            RatingScreen.draw(&grid, state: state, now: now)
        case .running(_, .vote), .running(_, .review):
            return ResultsScreen.draw(&grid, state: state, model: model)
        }
        return model.scroll
    }
}

/// One frame of the console, and the first row of its list as drawn: the console keeps that in
/// its model, so the list stays where it was until the cursor leaves it.
public struct ConsoleFrame: Sendable {
    public let grid: CellGrid
    public let scroll: Int
}
