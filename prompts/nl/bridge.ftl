# Brug buiten Telegram (Signal, de console): keuzes zijn genummerd in plaats van knoppen.

bridge-choose = Antwoord met { $numbers }.
bridge-choose-again = Kies een nummer van 1 tot en met { $count }.
bridge-add-to-group = Voeg het nummer van Brug toe aan jullie groep, zoals je een buur toevoegt. Brug stelt zich daar dan voor.
bridge-link = { $label }: { $url }
bridge-choose-value = Typ een van deze getallen: { $values }.
bridge-nothing-to-choose = Er staat nu geen vraag open waar een nummer bij hoort. Typ /help om te zien wat ik kan.
