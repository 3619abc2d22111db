# Brug outside Telegram (Signal, the console): choices are numbered instead of buttons.

bridge-choose = Answer with { $numbers }.
bridge-choose-again = Pick a number from 1 to { $count }.
bridge-add-to-group = Add Brug's number to your group, the way you add a neighbour. Brug will introduce itself there.
bridge-link = { $label }: { $url }
