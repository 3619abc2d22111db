# Brug buiten Telegram (Signal, de console): keuzes zijn genummerd in plaats van knoppen.

bridge-choose = Antwoord met { $numbers }.
bridge-choose-again = Kies een nummer van 1 tot en met { $count }.
bridge-add-to-group = Voeg het nummer van Brug toe aan jullie groep, zoals je een buur toevoegt. Brug stelt zich daar dan voor.
bridge-link = { $label }: { $url }
