## /profiel: "What do you stand for?"

profile-title = <b>{ $group }</b>
profile-about = <b>What do we stand for?</b>
    { $text }
profile-place = <b>Our place in the neighbourhood</b>
    { $text }
profile-join = <b>Join us?</b>
    { $text }
profile-empty = Our profile has not been filled in yet.
profile-tip = Tip: "What do you stand for?" Being able to say that briefly builds relations and trust in the neighbourhood. It takes a long breath.
profile-edit-about = What we stand for
profile-edit-place = Our place
profile-edit-join = Joining
profile-post = 📣 Post in the group
profile-send = ✉️ Send to a partner
profile-edit-private = ✏️ Suggest a change or edit
profile-posted = Posted in the group.
profile-saved = Saved.
profile-ask-about = What do you stand for? Say it in a few sentences, as you would tell a neighbour. Type "-" to leave it empty.
profile-ask-place = What is your place in the neighbourhood? Where can people find or meet you? Type "-" to leave it empty.
profile-ask-join = How can someone join or get in touch? Type "-" to leave it empty.
profile-pick-partner = To which partner would you like to send the profile?
profile-no-partners = There are no partners on the list yet. Add them with /partners.
profile-forward-to = Forward the message above to <b>{ $name }</b> (press and hold the message and choose Forward). I cannot message people who do not use Brug myself.
    Contact: { $contact }
profile-reader-tip = This profile belongs to all of us. Something missing, or could it be better? Suggest a change.
profile-suggest = ✏️ Suggest a change
profile-suggest-pick = Which part would you change? Your suggestion goes to the coordinators.
profile-suggest-ask = How would you write <b>{ $part }</b>? Type your suggestion. Type "stop" if you leave it after all.
profile-suggest-sent = Thank you! I am passing your suggestion on to the coordinators. They can take it over with one tap.
profile-suggestion =
    ✏️ <b>{ $name }</b> suggests a change to the profile of <b>{ $group }</b>.
    For <b>{ $part }</b>:
    <i>{ $text }</i>
    Would you like to take it over?
profile-suggestion-take = ✅ Take it over
profile-suggestion-leave = Leave it
profile-suggestion-taken = ✅ Taken over. { $name }'s suggestion is now in the profile under <b>{ $part }</b>.
profile-suggestion-left = { $name }'s suggestion was not taken over. The profile stays as it was.
profile-suggestion-gone = I cannot find this suggestion any more.
profile-suggestion-thanks = 🙌 Your suggestion for the profile of <b>{ $group }</b> was taken over. Thank you!
