## /instellingen: de instellingen van de groep (coördinator).

settings-title = <b>Instellingen – { $group }</b>
settings-saved = Opgeslagen. Herinneringen en het weekbericht volgen de nieuwe instelling.
settings-line-lang = Taal van de groep: { $value }
settings-line-tz = Tijdzone: { $value }
settings-line-thr = Steun nodig: { $value } (of een derde van de actieve leden als de groep klein is)
settings-line-max = Langste actie: { $value }
settings-line-stale = Vragen hoe het gaat na: { $value } zonder nieuws
settings-line-dday = Weekbericht op: { $value }
settings-line-dhour = Weekbericht om: { $value }
settings-line-quiet = Stille uren: { $value }
settings-button-lang = Taal
settings-button-tz = Tijdzone
settings-button-thr = Steun nodig
settings-button-max = Langste actie
settings-button-stale = Stil na
settings-button-dday = Dag weekbericht
settings-button-dhour = Uur weekbericht
settings-button-quiet = Stille uren
settings-value-thr = { $count ->
        [0] geen: alles gaat meteen door
        [one] 1 lid
       *[other] { $count } leden
    }
settings-value-max = { $count ->
        [one] 1 dag
       *[other] { $count } dagen
    }
settings-value-stale = { $count ->
        [one] 1 dag
       *[other] { $count } dagen
    }
settings-quiet-none = geen
settings-type = Zelf typen
settings-ask-lang = In welke taal schrijf ik in de groep?
settings-ask-tz = In welke tijdzone woont de groep? Kies er een, of typ de naam (zoals Europe/Amsterdam).
settings-ask-thr = Hoeveel leden moeten een voorstel steunen voordat het een lopende actie wordt? Breed gedragen acties houden beter stand.
settings-ask-max = Hoe lang mag een actie hooguit duren? Kort houden helpt: doe wat nú kan, ook al is het klein.
settings-ask-stale = Na hoeveel dagen zonder nieuws vraag ik de voorsteller hoe het gaat?
settings-ask-dday = Op welke dag stuur ik het weekbericht?
settings-ask-dhour = Hoe laat stuur ik het weekbericht?
settings-ask-quiet = Wanneer stuur ik niets (stille uren)?
settings-type-tz = Typ de tijdzone, bijvoorbeeld Europe/Amsterdam.
settings-type-thr = Typ een aantal leden, van 0 tot 50. Bij 0 gaat elke actie meteen door.
settings-type-max = Typ een aantal dagen, van 1 tot 365.
settings-type-stale = Typ een aantal dagen, van 1 tot 60.
settings-type-dhour = Typ een uur, van 0 tot 23, bijvoorbeeld 9.
settings-type-quiet = Typ van welk uur tot welk uur, bijvoorbeeld 21-9. Typ 0-0 voor geen stille uren.
settings-bad-timezone = Die tijdzone ken ik niet. Typ bijvoorbeeld Europe/Amsterdam. Er is niets veranderd.
settings-bad-quiet = Dat begrijp ik niet. Typ van welk uur tot welk uur, bijvoorbeeld 21-9. Er is niets veranderd.
settings-bad-thr = Typ een getal van { $low } tot { $high }. Er is niets veranderd.
settings-bad-max = Typ een aantal dagen van { $low } tot { $high }. Er is niets veranderd.
settings-bad-stale = Typ een aantal dagen van { $low } tot { $high }. Er is niets veranderd.
settings-bad-dhour = Typ een uur van { $low } tot { $high }, bijvoorbeeld 9. Er is niets veranderd.
settings-bad-value = Dat kan ik niet instellen. Er is niets veranderd.
settings-line-quick = Meteen doen: acties binnen { $value }
settings-button-quick = Meteen doen
settings-value-quick = { $count ->
        [0] vandaag
        [one] 1 dag
       *[other] { $count } dagen
    }
settings-ask-quick = Een actie die al gauw is, doen we gewoon: zonder te wachten op steun. Binnen hoeveel dagen is "al gauw"?
settings-type-quick = Typ een aantal dagen, van 0 tot 30.
settings-bad-quick = Typ een aantal dagen van { $low } tot { $high }. Er is niets veranderd.
settings-line-pquiet = Partner stil na: { $value }
settings-button-pquiet = Partner stil na
settings-value-pquiet = { $count ->
        [0] nooit een seintje
        [one] 1 dag
       *[other] { $count } dagen
    }
settings-ask-pquiet = Partners op de shortlist: na hoeveel dagen zonder contact stuur ik de coördinatoren een seintje? Zo blijft het contact warm. Kies "nooit een seintje" als jullie dat niet willen.
settings-type-pquiet = Typ een aantal dagen, van 0 tot 365. Bij 0 stuur ik nooit een seintje.
settings-bad-pquiet = Typ een aantal dagen van { $low } tot { $high }. Er is niets veranderd.
