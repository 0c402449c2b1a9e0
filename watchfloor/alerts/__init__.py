"""Watch rules and the alerts they fire: matching, Atom feeds and signed webhooks."""
