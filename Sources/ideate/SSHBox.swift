import Foundation
import IdeateCore
import IdeateNet
import IdeateRuntime
import IdeateTUI

/// Composes the idea box's ssh front end: each ssh session gets the box's terminal screen
/// (``BoxJoinApp``, as `ideate join http://…` shows it) drawn on an ``ANSITerminal`` over the
/// channel, asking the box in this process. Nothing is kept for the person: the screen's
/// receipts live in memory for the session only (the server draws the screen, so it must not
/// keep them), and the screen tells them to note their ideas' numbers and find them on the board.
enum SSHBox {
    static func starter(box: any IdeaBoxService, theme: Theme, language: Language,
                        today: @escaping @Sendable () -> CalendarDate) -> SSHServer.SessionStarter {
        { session in
            SSHParticipants.screen(on: session, theme: theme) { terminal in
                let app = BoxJoinApp(box: box, book: ReceiptBook(decoySeed: UInt64.random(in: 1...UInt64.max)), today: today(),
                                     terminal: terminal, save: { _ in }, newSecret: BoxJoinService.newSecret, keepsReceipts: false,
                                     language: session.language ?? language)
                await app.run()
            }
        }
    }
}
