/// Plausible ideas for simulated participants, grouped as a facilitator would cluster them.
/// Two entries share a `duplicateKey` when people would write the same idea twice.
struct BankIdea: Sendable {
    var text: String
    var cluster: String?
    /// How much a simulated room likes it (relative weight for votes).
    var appeal: Int
    var duplicateKey: String? = nil
    var offTopic = false
}

public enum IdeaBank {
    /// Every text a simulated participant may type, with the cluster names a simulated
    /// facilitator gives: what a test must tell apart from ideate's own sentences.
    public static var typedTexts: [String] { ideas.map(\.text) + ideas.compactMap(\.cluster) }

    static let ideas: [BankIdea] = [
        BankIdea(text: "Approve purchases under 500 € without a second signature", cluster: "Approvals", appeal: 9),
        BankIdea(text: "Let team leads sign off their own team's small expenses", cluster: "Approvals", appeal: 4),
        BankIdea(text: "One approval form instead of three different ones", cluster: "Approvals", appeal: 6),
        BankIdea(text: "Show customers the order status we already see internally", cluster: "Customer contact", appeal: 8),
        BankIdea(text: "Call back every customer who complained within 24 hours", cluster: "Customer contact", appeal: 5),
        BankIdea(text: "Send a short survey two weeks after delivery", cluster: "Customer contact", appeal: 3),
        BankIdea(text: "One shared inbox for order changes instead of personal mailboxes", cluster: "Hand-offs", appeal: 7,
                 duplicateKey: "shared-inbox"),
        BankIdea(text: "A shared inbox for order changes", cluster: "Hand-offs", appeal: 4, duplicateKey: "shared-inbox"),
        BankIdea(text: "Write down who owns each step from quote to invoice", cluster: "Hand-offs", appeal: 6),
        BankIdea(text: "Fifteen-minute stand-up between sales and warehouse on Mondays", cluster: "Hand-offs", appeal: 5),
        BankIdea(text: "Batch picking twice a day instead of once", cluster: "Warehouse", appeal: 4),
        BankIdea(text: "Label shelves by how often items are picked", cluster: "Warehouse", appeal: 3),
        BankIdea(text: "Keep the ten most-ordered parts at the packing table", cluster: "Warehouse", appeal: 5),
        BankIdea(text: "Retire the weekly status report nobody reads", cluster: "Meetings and reports", appeal: 7,
                 duplicateKey: "status-report"),
        BankIdea(text: "Stop the weekly status report", cluster: "Meetings and reports", appeal: 3, duplicateKey: "status-report"),
        BankIdea(text: "No-meeting Wednesday mornings", cluster: "Meetings and reports", appeal: 6),
        BankIdea(text: "Every meeting invite states its decision to be made", cluster: "Meetings and reports", appeal: 4),
        BankIdea(text: "A wiki page per customer with their quirks and contacts", cluster: "Knowledge", appeal: 5),
        BankIdea(text: "Pair new hires with a buddy for their first month", cluster: "Knowledge", appeal: 6),
        BankIdea(text: "Record a two-minute video for each recurring task", cluster: "Knowledge", appeal: 4),
        BankIdea(text: "Monthly lunch where one team explains its work to another", cluster: "Knowledge", appeal: 3),
        BankIdea(text: "Automate the invoice reminder e-mails", cluster: "Tools", appeal: 6),
        BankIdea(text: "Scan delivery notes on arrival instead of filing paper", cluster: "Tools", appeal: 5),
        BankIdea(text: "Give the support team read access to the order system", cluster: "Tools", appeal: 5),
        BankIdea(text: "A suggestion box that is emptied at every team meeting", cluster: "Culture", appeal: 4),
        BankIdea(text: "Celebrate one failed experiment a month and what it taught us", cluster: "Culture", appeal: 5),
        BankIdea(text: "Let anyone pause a process that clearly makes no sense", cluster: "Culture", appeal: 3),
        BankIdea(text: "Replace the coffee machine", cluster: "Off topic", appeal: 2, offTopic: true),
        BankIdea(text: "Bigger parking spaces", cluster: "Off topic", appeal: 1, offTopic: true),
    ]
}
