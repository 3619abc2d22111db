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
profile-edit-private = Profiel bewerken (coördinator)
profile-posted = Geplaatst in de groep.
profile-saved = Opgeslagen.
profile-ask-about = Waar staan jullie voor? Vertel het in een paar zinnen, zoals je het aan een buurman zou vertellen. Typ "-" om het leeg te laten.
profile-ask-place = Wat is jullie plek in de buurt? Waar kunnen mensen jullie vinden of tegenkomen? Typ "-" om het leeg te laten.
profile-ask-join = Hoe kan iemand meedoen of contact opnemen? Typ "-" om het leeg te laten.
profile-pick-partner = Naar welke partner wil je het profiel sturen?
profile-no-partners = Er staan nog geen partners op de lijst. Voeg ze toe met /partners.
profile-forward-to = Stuur het bericht hierboven door naar <b>{ $name }</b> (houd het bericht ingedrukt en kies Doorsturen). Ik kan zelf geen berichten sturen aan mensen die Brug niet gebruiken.
    Contact: { $contact }
