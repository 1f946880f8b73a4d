/// The idea box's news about an idea, in words: one sentence per fate, the same on the box's
/// terminal screen as on its page (box.js says it with the same phrases).
extension Localizer {
    /// The fate in a sentence: "Became experiment E3 (running now)."
    public func sentence(of notice: FateNotice) -> String {
        switch notice.fate {
        case .new: return self(BoxPhrase.fateNew)
        case .kept: return self(BoxPhrase.fateKept)
        case .workshop: return self(BoxPhrase.fateWorkshop)
        case .declined: return self(BoxPhrase.fateDeclined)
        case .experiment:
            guard let experiment = notice.experiment else { return self(BoxPhrase.fateAnExperiment) }
            return self(BoxPhrase.fateExperiment, ["id": .text(experiment.id.description), "stage": .text(name(of: experiment.stage))])
        case .merged:
            let into: PhraseArgument = notice.into.map { .text($0) } ?? .phrase(BoxPhrase.anotherIdea)
            if let experiment = notice.experiment {
                return self(BoxPhrase.fateMergedExperiment, ["into": into, "id": .text(experiment.id.description),
                                                             "stage": .text(name(of: experiment.stage))])
            }
            if let then = notice.then { return self(BoxPhrase.fateMergedThen, ["into": into, "then": .text(name(of: then))]) }
            return self(BoxPhrase.fateMerged, ["into": into])
        }
    }

    /// Where an experiment stands, as the box tells an idea's author: "running now".
    public func name(of stage: Experiment.Stage) -> String {
        switch stage {
        case .planned: self(BoxPhrase.stagePlanned)
        case .running: self(BoxPhrase.stageRunning)
        case .learned: self(BoxPhrase.stageLearned)
        }
    }

    /// A fate in a few words, after "followed there:".
    public func name(of kind: FateNotice.Kind) -> String {
        switch kind {
        case .new: self(BoxPhrase.kindNew)
        case .kept: self(BoxPhrase.kindKept)
        case .merged: self(BoxPhrase.kindMerged)
        case .experiment: self(BoxPhrase.kindExperiment)
        case .workshop: self(BoxPhrase.kindWorkshop)
        case .declined: self(BoxPhrase.kindDeclined)
        }
    }
}
