/// An error that says what happened in a sentence for a person, written in their language
/// where it is shown (a network client's failure, shown by a screen that cannot know its type).
public protocol ExplainedError: Error {
    var sentence: Sentence { get }
}
