"""The two registers the Code's annual report rests on: learning from complaints, and the
Ombudsman's decisions and reports (issue 15)."""
