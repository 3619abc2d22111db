# Brug outside Telegram (Signal, the console): choices are numbered instead of buttons.

bridge-choose = Answer with { $numbers }.
bridge-choose-again = Pick a number from 1 to { $count }.
bridge-add-to-group = Add Brug's number to your group, the way you add a neighbour. Brug will introduce itself there.
bridge-link = { $label }: { $url }
bridge-choose-value = Type one of these numbers: { $values }.
bridge-nothing-to-choose = There is no open question that takes a number right now. Type /help to see what I can do.
