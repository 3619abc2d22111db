## Again and again (bot/domain/series.py, handlers/series.py): the next time once, every week or every month.

series-button-again = 🔁 Once more
series-button-month = 📆 Every { $nth ->
    [1] first
    [2] second
    [3] third
    [4] fourth
   *[other] last
} { $weekday ->
    [0] Monday
    [1] Tuesday
    [2] Wednesday
    [3] Thursday
    [4] Friday
    [5] Saturday
   *[6] Sunday
} of the month
series-button-week = 📆 Every week on { $weekday ->
    [0] Monday
    [1] Tuesday
    [2] Wednesday
    [3] Thursday
    [4] Friday
    [5] Saturday
   *[6] Sunday
}
series-button-stop = ⏹ Stop the series
series-rule-month = every { $nth ->
    [1] first
    [2] second
    [3] third
    [4] fourth
   *[other] last
} { $weekday ->
    [0] Monday
    [1] Tuesday
    [2] Wednesday
    [3] Thursday
    [4] Friday
    [5] Saturday
   *[6] Sunday
} of the month
series-rule-week = every week on { $weekday ->
    [0] Monday
    [1] Tuesday
    [2] Wednesday
    [3] Thursday
    [4] Friday
    [5] Saturday
   *[6] Sunday
}
series-ask-when = 🔁 <b>{ $title }</b> once more: when? For example: Saturday 9 January. (Type stop if it is not needed after all.)
series-when-unclear = I don't understand that day. Try it like this: <i>Saturday 9 January</i> or <i>in two weeks</i>.
series-once-posted = 🔁 <b>{ $title }</b> is in <b>{ $group }</b> again, for { $day }. Whoever wants to join chooses 🙋 I'll join.
series-started = 📆 Agreed: <b>{ $title }</b> { $rule }. { $lead } days ahead I put the next time in the group. The next time: { $day }.
series-next-posted = 📆 The next time of <b>{ $title }</b> ({ $rule }) is in <b>{ $group }</b>: { $day }.
series-went-quiet = 📆 The series of <b>{ $title }</b> has stopped: the last three times nobody joined or supported it. Want to pick it up again? Propose it anew with /actie.
series-stopped = ⏹ The series of <b>{ $title }</b> has stopped. What is already in the group stays.
series-stop-not-yours = Only whoever started the series, or a coordinator, can stop it.
series-needs-a-day = This only works for an action with a date.
