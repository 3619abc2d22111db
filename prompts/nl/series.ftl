## Again and again (bot/domain/series.py, handlers/series.py): the next time once, every week or every month.

series-button-again = 🔁 Nog een keer
series-button-month = 📆 Elke { $nth ->
    [1] eerste
    [2] tweede
    [3] derde
    [4] vierde
   *[other] laatste
} { $weekday ->
    [0] maandag
    [1] dinsdag
    [2] woensdag
    [3] donderdag
    [4] vrijdag
    [5] zaterdag
   *[6] zondag
} van de maand
series-button-week = 📆 Elke week op { $weekday ->
    [0] maandag
    [1] dinsdag
    [2] woensdag
    [3] donderdag
    [4] vrijdag
    [5] zaterdag
   *[6] zondag
}
series-button-stop = ⏹ Stop de reeks
series-rule-month = elke { $nth ->
    [1] eerste
    [2] tweede
    [3] derde
    [4] vierde
   *[other] laatste
} { $weekday ->
    [0] maandag
    [1] dinsdag
    [2] woensdag
    [3] donderdag
    [4] vrijdag
    [5] zaterdag
   *[6] zondag
} van de maand
series-rule-week = elke week op { $weekday ->
    [0] maandag
    [1] dinsdag
    [2] woensdag
    [3] donderdag
    [4] vrijdag
    [5] zaterdag
   *[6] zondag
}
series-ask-when = 🔁 <b>{ $title }</b> nog een keer: wanneer? Bijvoorbeeld: zaterdag 9 januari. (Typ stop als het toch niet hoeft.)
series-when-unclear = Die dag begrijp ik niet. Probeer het zo: <i>zaterdag 9 januari</i> of <i>over twee weken</i>.
series-once-posted = 🔁 <b>{ $title }</b> staat weer in <b>{ $group }</b>, voor { $day }. Wie mee wil doen, kiest 🙋 Ik doe mee.
series-started = 📆 Afgesproken: <b>{ $title }</b> { $rule }. { $lead } dagen vooraf zet ik de volgende keer in de groep. De volgende keer: { $day }.
series-next-posted = 📆 De volgende keer van <b>{ $title }</b> ({ $rule }) staat in <b>{ $group }</b>: { $day }.
series-went-quiet = 📆 De reeks van <b>{ $title }</b> is gestopt: de laatste drie keer deed niemand mee of steunde het. Wil je het weer oppakken? Stel het opnieuw voor met /actie.
series-stopped = ⏹ De reeks van <b>{ $title }</b> is gestopt. Wat al in de groep staat, blijft staan.
series-stop-not-yours = Alleen wie de reeks begon, of een coördinator, kan hem stoppen.
series-needs-a-day = Dit kan alleen bij een actie met een datum.
