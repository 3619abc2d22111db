## /profiel: "Waar zijn jullie van?"

profile-title = <b>{ $group }</b>
profile-about = <b>Waar staan we voor?</b>
    { $text }
profile-place = <b>Onze plek in de buurt</b>
    { $text }
profile-join = <b>Meedoen?</b>
    { $text }
profile-empty = Ons profiel is nog niet ingevuld.
profile-tip = Tip: "Waar zijn jullie van?" Als je dat kort kunt vertellen, bouw je aan relaties en vertrouwen in de buurt. Dat vraagt een lange adem.
profile-edit-about = Waar staan we voor?
profile-edit-place = Onze plek
profile-edit-join = Meedoen
profile-post = 📣 Plaats in de groep
profile-send = ✉️ Stuur naar een partner
profile-edit-private = ✏️ Wijziging voorstellen of bewerken
profile-posted = Geplaatst in de groep.
profile-saved = Opgeslagen.
profile-ask-about = Waar staan jullie voor? Vertel het in een paar zinnen, zoals je het aan een buurman zou vertellen. Typ "-" om het leeg te laten.
profile-ask-place = Wat is jullie plek in de buurt? Waar kunnen mensen jullie vinden of tegenkomen? Typ "-" om het leeg te laten.
profile-ask-join = Hoe kan iemand meedoen of contact opnemen? Typ "-" om het leeg te laten.
profile-pick-partner = Naar welke partner wil je het profiel sturen?
profile-no-partners = Er staan nog geen partners op de lijst. Voeg ze toe met /partners.
profile-forward-to = Stuur het bericht hierboven door naar <b>{ $name }</b> (houd het bericht ingedrukt en kies Doorsturen). Ik kan zelf geen berichten sturen aan mensen die Brug niet gebruiken.
    Contact: { $contact }
profile-reader-tip = Dit profiel is van ons allemaal. Mis je iets, of kan het beter? Stel een wijziging voor.
profile-suggest = ✏️ Stel een wijziging voor
profile-suggest-pick = Welk deel wil je anders? Je voorstel gaat naar de coördinatoren.
profile-suggest-ask = Hoe zou jij <b>{ $part }</b> schrijven? Typ je voorstel. Typ "stop" als je het toch laat.
profile-suggest-sent = Dank je! Ik geef je voorstel door aan de coördinatoren. Zij kunnen het met één tik overnemen.
profile-suggestion =
    ✏️ <b>{ $name }</b> stelt een wijziging voor in het profiel van <b>{ $group }</b>.
    Bij <b>{ $part }</b>:
    <i>{ $text }</i>
    Wil je dit overnemen?
profile-suggestion-take = ✅ Overnemen
profile-suggestion-leave = Zo laten
profile-suggestion-taken = ✅ Overgenomen. Het voorstel van { $name } staat nu in het profiel bij <b>{ $part }</b>.
profile-suggestion-left = Het voorstel van { $name } is niet overgenomen. Het profiel blijft zoals het was.
profile-suggestion-gone = Dit voorstel kan ik niet meer vinden.
profile-suggestion-thanks = 🙌 Je voorstel voor het profiel van <b>{ $group }</b> is overgenomen. Dank je!
