"""The base of every screen about one assessment: it knows which, and moves to its siblings."""

from __future__ import annotations

from textual.screen import Screen


class AssessmentScreen(Screen):
    """A screen showing one workspace assessment; its keys open the other views of it."""

    def __init__(self, assessment_id: int) -> None:
        super().__init__()
        self.assessment_id = assessment_id

    def action_walkthrough(self) -> None:
        self.app.open_walkthrough(self.assessment_id)

    def action_dashboard(self) -> None:
        self.app.open_dashboard(self.assessment_id)

    def action_progress(self) -> None:
        self.app.open_progress(self.assessment_id)

    def action_open_export(self) -> None:
        self.app.open_export(self.assessment_id)

    def action_back(self) -> None:
        self.dismiss()
