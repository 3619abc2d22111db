## /instellingen: the group's settings (coordinator).

settings-title = <b>Settings – { $group }</b>
settings-saved = Saved. Reminders and the weekly digest follow the new setting.
settings-line-lang = Group language: { $value }
settings-line-tz = Time zone: { $value }
settings-line-thr = Support needed: { $value } (or a third of the active members if the group is small)
settings-line-max = Longest action: { $value }
settings-line-stale = Ask how it goes after: { $value } without news
settings-line-dday = Weekly digest on: { $value }
settings-line-dhour = Weekly digest at: { $value }
settings-line-quiet = Quiet hours: { $value }
settings-button-lang = Language
settings-button-tz = Time zone
settings-button-thr = Support needed
settings-button-max = Longest action
settings-button-stale = Quiet after
settings-button-dday = Digest day
settings-button-dhour = Digest hour
settings-button-quiet = Quiet hours
settings-value-thr = { $count ->
        [0] none: everything goes ahead at once
        [one] 1 member
       *[other] { $count } members
    }
settings-value-max = { $count ->
        [one] 1 day
       *[other] { $count } days
    }
settings-value-stale = { $count ->
        [one] 1 day
       *[other] { $count } days
    }
settings-quiet-none = none
settings-type = Type it myself
settings-ask-lang = In which language do I write in the group?
settings-ask-tz = In which time zone does the group live? Pick one, or type its name (such as Europe/Amsterdam).
settings-ask-thr = How many members must support a proposal before it becomes a running action? Broadly supported actions last longer.
settings-ask-max = How long may an action take at most? Keeping it short helps: do what is possible now, even if it is small.
settings-ask-stale = After how many days without news do I ask the proposer how it goes?
settings-ask-dday = On which day do I send the weekly digest?
settings-ask-dhour = At what time do I send the weekly digest?
settings-ask-quiet = When do I send nothing (quiet hours)?
settings-type-tz = Type the time zone, for example Europe/Amsterdam.
settings-type-thr = Type a number of members, from 0 to 50. With 0 every action goes ahead at once.
settings-type-max = Type a number of days, from 1 to 365.
settings-type-stale = Type a number of days, from 1 to 60.
settings-type-dhour = Type an hour, from 0 to 23, for example 9.
settings-type-quiet = Type from which hour to which hour, for example 21-9. Type 0-0 for no quiet hours.
settings-bad-timezone = I do not know that time zone. Type for example Europe/Amsterdam. Nothing was changed.
settings-bad-quiet = I do not understand that. Type from which hour to which hour, for example 21-9. Nothing was changed.
settings-bad-thr = Type a number from { $low } to { $high }. Nothing was changed.
settings-bad-max = Type a number of days from { $low } to { $high }. Nothing was changed.
settings-bad-stale = Type a number of days from { $low } to { $high }. Nothing was changed.
settings-bad-dhour = Type an hour from { $low } to { $high }, for example 9. Nothing was changed.
settings-bad-value = I cannot set that. Nothing was changed.
settings-line-quick = Simply do it: actions within { $value }
settings-button-quick = Simply do it
settings-value-quick = { $count ->
        [0] today
        [one] 1 day
       *[other] { $count } days
    }
settings-ask-quick = An action that is soon, we simply do: without waiting for support. Within how many days is "soon"?
settings-type-quick = Type a number of days, from 0 to 30.
settings-bad-quick = Type a number of days from { $low } to { $high }. Nothing was changed.
settings-line-pquiet = Partner quiet after: { $value }
settings-button-pquiet = Partner quiet after
settings-value-pquiet = { $count ->
        [0] never a nudge
        [one] 1 day
       *[other] { $count } days
    }
settings-ask-pquiet = Partners on the shortlist: after how many days without contact do I send the coordinators a nudge? It keeps the contact warm. Choose "never a nudge" if you do not want that.
settings-type-pquiet = Type a number of days, from 0 to 365. With 0 I never send a nudge.
settings-bad-pquiet = Type a number of days from { $low } to { $high }. Nothing was changed.
