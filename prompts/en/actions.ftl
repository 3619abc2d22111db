## Network actions: proposals, the card in the group, support, concerns, commitments and the harvest.
## All text is HTML for Telegram: use only <b>, <i> and <a>.

## Writing a proposal (private chat)

draft-started-group = Lovely, { $name }! I will ask you a few short questions in our private chat. The group will see your proposal when it is ready.
draft-started-group-link = Lovely, { $name }! Choose below and I will ask you a few short questions in a private chat. The group will see your proposal when it is ready.
draft-button-continue-private = Continue in a private chat
draft-intro = Let's write a proposal for <b>{ $group }</b> together. I'll ask a few short questions; you can skip any of them. Made a mistake? Choose Previous question.
draft-resumed = You were already writing a proposal for <b>{ $group }</b>. Let's continue where you were.
draft-expired = Your previous proposal lay still for more than a day. No problem: we simply start again.
draft-no-group = A proposal belongs to a group. First add me to your initiative's group and type /actie there.
draft-pick-group = Which group is your proposal for?
draft-not-in-group = This button belongs to a group where I have not seen you yet. Type /actie in your own group.
draft-back = We were also still writing your proposal. Let's continue here.
draft-gone = This proposal no longer exists. Type /actie in the group to start again.
draft-group-gone = I am no longer in <b>{ $group }</b>, so I cannot post the proposal there. Add me to the group again.

draft-ask-title =
    <b>What are you going to do?</b>
    Short and concrete, for example: <i>Cooking soup for the street</i>.
draft-title-long =
    Lovely plan! It is a long sentence, though ({ $length } characters). A good network action is simple: can you say it in a few words, about { $limit } characters?
    Type a shorter version, or leave it as it is.
draft-title-needed = A proposal needs a name, so the group knows what it is about.
draft-ask-with-whom =
    <b>With whom?</b>
    You don't do a network action alone. Who is already moving, and can we take them along? { $shortlist ->
        [0] Type a name: a neighbour, a club, an organisation.
       *[other] Choose someone from your shortlist below, or type a name.
    }
draft-ask-moving =
    Who is already moving in the neighbourhood? Think of the neighbourhood manager, an informal “street mayor” or active neighbours.
    <i>Work where the energy is.</i> Type a name, or skip this question.
draft-ask-when =
    <b>When?</b>
    Type a day, for example: <i>Saturday</i>, <i>tomorrow</i>, <i>12 December</i> or <i>in two weeks</i>.
    Do you know the time already? Add it: <i>Saturday 2pm</i>.
draft-when-unclear = I don't understand that date, or it has already passed. Try for example: <i>Saturday</i>, <i>12 December</i> or <i>in two weeks</i>.
draft-when-noted = Noted: <b>{ $day }</b>{ $part }.
draft-when-noted-at = Noted: <b>{ $day }, { $time }</b>.
draft-when-time-only = At <b>{ $time }</b>, noted. On which day? Type for example <i>Saturday</i> or <i>12 December</i>.
draft-when-long =
    That is { $day }, { $days } days away. A good network action is short.
    Would a first, smaller step fit within { $max } days?
draft-ask-first-step = What is that first step? Say it in a few words, for example: a trial afternoon at the community centre.
    Your big plan stays the goal: { $goal }.
draft-first-step-noted = Noted, the first step: <b>{ $title }</b>.
draft-smaller-step = Good idea: start small. <i>Think ahead, but work in the now.</i>
draft-ask-existing =
    <b>Does it join something that already happens?</b>
    Don't reinvent the wheel: joining what is already going on is often enough. { $agenda ->
        [0] Type what it is, or choose No.
       *[other] Choose something from your agenda, type what it is, or choose No.
    }
draft-ask-need =
    <b>Giving and asking</b>
    What do we need?
draft-ask-offer = And also: what can we mean for each other and for the neighbourhood?
draft-ask-contagious =
    <b>Catching on</b>
    How can others join in, or copy it?
draft-choice-gone = That choice no longer exists. Choose again or type it.
draft-use-buttons = Choose below what you would like to do.
draft-empty = I saw no text. Type your answer, or choose below.
draft-stopped = All right, I threw the proposal away. Type /actie in the group if you want to start again.
draft-summary =
    <b>Your proposal</b>
    { $body }

    Shall I post it in the group?
draft-tips =
    <b>Tips</b>
    { $tips }
draft-ask-redo = Which question would you like to answer again?
draft-posted = Your proposal is in <b>{ $group }</b>. As soon as enough people support it, it goes ahead. I will let you know.
draft-posted-tips =
    { $posted }

    <b>Just for you: how to make it even stronger</b>
    { $tips }
draft-posted-tip =
    👉 <b>{ $block }</b>
    { $tip }

draft-button-skip = Skip
draft-button-stop = Stop
draft-button-keep = Leave it
draft-button-as-is = Keep it like this
draft-button-smaller = Smaller first step
draft-button-no = No
draft-button-post = Post
draft-button-edit = Change
draft-button-back = Back
draft-redo-title = What are you going to do?
draft-redo-with-whom = With whom?
draft-redo-when = When?
draft-redo-existing = Does it join something?
draft-redo-need = Giving and asking
draft-redo-contagious = Catching on

detail-title = 💡 <b>{ $title }</b>
detail-when = 📅 { $day }
detail-when-at = 📅 { $day }, { $time }
# A day with the action's time, in a sentence or a list: "Saturday 5 December, 2:00 PM".
day-at = { $day }, { $time }
# A time of day: Brug gives "14:00" ($h24) and "2:00 PM" ($h12); the default variant is how this language writes it.
time-of-day = { $clock ->
        [h24] { $h24 }
       *[h12] { $h12 }
    }
detail-with-whom = 🤝 Together with: { $text }
detail-joins = 📍 Joins: { $text }
detail-need = 🙏 What we need: { $text }
detail-offer = 🎁 What we can mean: { $text }
detail-contagious = ✨ How others join in: { $text }

## The building blocks

blocks-line = { $samen } · { $eenvoudig } · { $kort } · { $besmettelijk } · { $hierennu } · { $wederkerig }
block-covered = ✅ { $block }
block-open = ◻️ { $block }
## Names in plain words; the research's own words stay in the tips.
block-samen = together
block-eenvoudig = simple
block-kort = short
block-besmettelijk = catching on
block-hier-en-nu = fits in
block-wederkerig = giving and asking
## On the card in the group: only what is good already.
blocks-chips = { $chip } · { $more }
block-chip-samen = 🤝 { block-samen }
block-chip-eenvoudig = ✨ { block-eenvoudig }
block-chip-kort = 📅 { block-kort }
block-chip-besmettelijk = 🌱 { block-besmettelijk }
block-chip-hier-en-nu = 📍 { block-hier-en-nu }
block-chip-wederkerig = 🔁 { block-wederkerig }
tip-samen = 🤝 <i>Together with others:</i> turn the longlist into a shortlist. Who is already moving and can you take along?
tip-eenvoudig = ✂️ <i>Simple:</i> smart network actions can be told in a few words.
tip-kort = ⏱ <i>Think ahead, but work in the now:</i> do what is possible now, even if it is small or temporary.
tip-besmettelijk = ✨ <i>Contagious:</i> make it easy to join in, also for people who are not members.
tip-hier-en-nu = 📍 <i>In the here and now:</i> join what already happens. No need to reinvent the wheel.
tip-wederkerig = 🔁 <i>Build reciprocal relationships:</i> don't only ask “What do we need?”, but also “What can we mean for each other?”.

## The card in the group

action-card-helping =
    🤝 <b>Helping with { $title }</b>
    Started by { $proposer }
    { $body }
action-card =
    💡 <b>{ $title }</b>
    Proposed by { $proposer }
    { $body }
card-supporters = 👍 Support: { $names }
card-joiners = 🙋 Joining: { $names }
card-neighbours-came = 🏘️ +{ $count } { $count ->
    [one] neighbour came
   *[other] neighbours came
} too
card-neighbours = 🏘️ +{ $count } { $count ->
    [one] neighbour is
   *[other] neighbours are
} coming too
card-status-proposed = ⏳ Support needed from { $needed } { $needed ->
    [one] member
   *[other] members
}{ $count ->
    [0] {""}
   *[other] , so far { $count }
}. Preferably before { $deadline }.
card-status-proposed-closed = ⏸ This proposal is waiting for now. { $proposer } will see whether it can be smaller or later.
card-status-running = 🚀 This is going ahead! Will you join?
card-status-helping = 🤝 We are helping with what already happens. Will you join? Choose 🙋 I'll join and say what you will do.
card-status-running-today = 🚀 It is today! Will you join?
card-status-running-past = 📅 This was on { $day }. How did it go? Tell the group.
card-status-done = 🎉 Done. Thank you all!
card-status-let-go = Let go.
card-button-support = 👍 Support
card-button-join = 🙋 I'll join
card-button-concern = 💬 Concern
card-concerns = 💬 { $count } { $count ->
    [one] concern
   *[other] concerns
}
card-concerns-quoted =
    💬 { $count } { $count ->
        [one] concern
       *[other] concerns
    }
    <i>{ $name }: { $text }</i>
card-closed = This action has been closed. Thank you!
support-added = Thank you! You support this proposal.
support-withdrawn = Your support has been withdrawn. Choose 👍 Support again if you do support it after all.
support-own = This is your own proposal. We are waiting for the support of others.
action-running-group = 🚀 <b>{ $title }</b> has enough support and goes ahead! Thank you, { $proposer }. Who will join? Choose 🙋 I'll join on the proposal.
action-running-proposer = 🚀 Your proposal <b>{ $title }</b> has enough support and goes ahead!

concern-ask = { $mention }, what is your concern about <b>{ $title }</b>? Reply to this message and I will pass it on.
concern-dropped = All right, I won't pass anything on.
concern-placeholder = My concern…
concern-own = This is your own proposal. Want to change something? Use /actie.
concern-ask-private = 💬 What is your concern about <b>{ $title }</b>? Type it here. Then I will ask whether the group may see it.
concern-asked-privately = I am asking you in our private chat.
concern-for-proposer =
    💬 { $name } has a concern about <b>{ $title }</b>: “{ $text }”
    Feel free to talk it through together. Would you like to adjust something, or reply? Choose below.
concern-in-group =
    { $mention }, { $name } has a concern: “{ $text }”
    Everyone can join the conversation: choose 💬 Reply.
concern-share-ask = Thank you. May the group see your concern? Then everyone can talk it through. Otherwise only { $proposer } sees it.
concern-share-unclear = Choose one of the two: may the group see your concern, or only { $proposer }?
concern-button-share = 👥 Yes, the group may see it
concern-button-keep-private = 🔒 Only for { $proposer }
concern-shared = Thank you. Your concern is now in the group, under the proposal. { $proposer } knows too.
concern-kept-private = All right. Only { $proposer } reads your concern. The group only sees that there is one.
concern-button-smaller = ✏️ Make it smaller
concern-button-later = 📅 Another day
concern-button-reply = 💬 Reply
concern-private-alert = This concern is only for the person who made the proposal.
concern-reply-ask = What would you like to say about { $name }'s concern?
concern-answer-note =
    💬 { $whose ->
        [yes] { $name } replied to your concern
        [self] { $name } adds something to the concern
       *[other] { $name } replied to { $author }'s concern
    } about <b>{ $title }</b>:
    “{ $text }”
concern-answer-group = 💬 { $whose ->
        [self] { $name } adds something to the concern
       *[other] { $name } replied to { $author }'s concern
    }: “{ $text }”
concern-answer-passed = Thank you. I have passed your reply on to { $names }.
concern-names-two = { $first } and { $second }

notify-in-group = { $mention }: { $text }
ask-in-group =
    { $mention }: { $text }
    <i>(Reply to this message.)</i>
answer-empty = I saw no text. Type your answer.
date-confirm = Do you mean { $day }?
date-button-yes = Yes, { $day }
date-button-other = No, another day
date-ask-again = Which day then? Type it, for example <i>Saturday</i> or <i>19 December</i>.
part-morning = {" "}(in the morning)
part-afternoon = {" "}(in the afternoon)
part-evening = {" "}(in the evening)
answer-too-late = Thank you! This is no longer needed: things have changed in the meantime.
date-unclear = I don't understand that date, or it has already passed. Try for example: <i>Saturday</i>, <i>12 December</i> or <i>in two weeks</i>.

## Steering: smaller, later, let go

action-decision-closed = Your proposal <b>{ $title }</b> got { $count ->
        [0] no support yet
       *[other] { $count } of the { $needed } supporters needed
    }. Shall we make it smaller, do it later, or let it go?
steer-button-smaller = Make it smaller
steer-button-later = Later
steer-button-letgo = Let go
steer-not-yours = Only the person who proposed it, or a coordinator, can do this.
steer-ask-smaller = What is a smaller first step for <b>{ $title }</b>? Type it in a few words.
steer-ask-later = When would <b>{ $title }</b> fit better? Type a day, for example <i>in two weeks</i> or <i>Saturday 2pm</i>.
# Only a time was typed, but the action has no day (still) to come.
steer-later-needs-day = At <b>{ $time }</b>, fine. On which day? Type for example <i>Saturday { $time }</i>.
steer-smaller-done = Changed: <b>{ $title }</b>. The group sees it on the card.
steer-later-done = Moved: <b>{ $title }</b> to { $day }.
steer-changed-group = ✏️ Made smaller: <b>{ $title }</b>. Do you support it?
steer-moved-group = 📅 <b>{ $title }</b> has moved to { $day }.
steer-letgo-confirm = Are you sure? Then we let <b>{ $title }</b> go.
steer-button-letgo-yes = Yes, let it go
steer-button-letgo-no = No, keep it
steer-letgo-done = <b>{ $title }</b> has been let go. That is part of it too.
steer-kept = Fine, <b>{ $title }</b> stays.
action-let-go-group = <b>{ $title }</b> has been let go. Thank you for thinking along; better luck next time.

## Harvest: how did it go?

harvest-all-done = 🎉 Everyone has done their part of <b>{ $title }</b>!
harvest-with-intro =
    { $intro }
    { $question }
harvest-ask-what = <b>How did { $title } go?</b> What happened?
harvest-ask-met = Whom from the neighbourhood did you meet?
harvest-ask-reach = About how many people outside your group did it reach? A number is enough.
harvest-ask-again = Who would like to do it again?
harvest-button-meet = 📇 { $name } on the partner list
harvest-met-note = Met at: { $title }
harvest-met-listed = 📇 <b>{ $name }</b> is on the partner list, with where you met ({ $title }). A coordinator can add more in /partners.
harvest-button-skip = Skip
harvest-reach-unclear = A number is enough, for example <i>12</i>. Don't know? Choose Skip.
harvest-closed = This action has already been closed. Thank you!
harvest-thanks = Thank you! I have celebrated it in the group.
harvest-celebration =
    🎉 <b>Done: { $title }!</b>
    { $lines }
harvest-line-what = What happened: { $text }
harvest-line-met = Whom we met: { $text }
harvest-line-reach = We reached about { $count } { $count ->
        [one] neighbour
       *[other] neighbours
    } outside the group.
harvest-line-again = Again? { $text }
harvest-line-thanks = Thank you, { $names }!
# After the harvest, to members who took on a task of their own: asked once.
harvest-ask-task = 🎉 <b>{ $title }</b> is finished. Your part was: { $what }. Did it work out?
harvest-button-task-done = ✅ Done
harvest-button-task-missed = Didn't work out
commit-missed = That's all right. Thank you for letting me know! I've crossed it off for <b>{ $title }</b>.

## /acties

actions-none = There are no proposals or running actions right now. Got an idea? Type /actie.
actions-list =
    <b>Proposals and actions</b>
    { $items }
actions-item = • <a href="{ $link }">{ $title }</a> · { $state }
actions-item-dated = • <a href="{ $link }">{ $title }</a> · { $state } · { $day }
actions-item-nolink = • { $title } · { $state }
actions-item-nolink-dated = • { $title } · { $state } · { $day }
state-proposed = 💡 proposal
state-running = 🚀 running
state-done = 🎉 done
state-let-go = let go

## Commitments

commit-joined-alert = Great that you are joining!
commit-already = You are already joining. Changed your mind? See /mijn in your private chat with me.
commit-ask-what = What will you take on for <b>{ $title }</b>? Type it, or choose Just join.
commit-after-action = { $day } is after the action itself ({ $action_day }). When can you do it, on or before that day? Type a day, or take the day of the action.
commit-ask-when = When can you do it? Type a day, or take the day of the action: { $day }.
commit-ask-when-undated = When can you do it? Type a day, for example <i>Saturday</i>.
commit-button-plain = Just join
commit-button-release = Not after all
commit-button-default-day = { $day }
commit-button-no-day = No fixed day
commit-plain = just joining
commit-noted = Noted for <b>{ $title }</b>: { $what }, by { $day }{ $part }. I will remind you in good time.
commit-noted-plain = You are joining <b>{ $title }</b> on { $day }. Noted, see you then!
commit-noted-undated = Noted for <b>{ $title }</b>: { $what }.
commit-not-yours = This is someone else's commitment. Nothing changes.
commit-already-done = You have already done this. Thank you!
commit-already-released = You have already let this go.
commit-done-alert = Great, thank you!
commit-done = ✅ Done: <b>{ $title }</b>. Thank you!
commit-ask-later = When can you do <b>{ $title }</b>? Type a day, for example <i>next Friday</i>.
commit-moved = 📅 Moved: <b>{ $title }</b>, now by { $day }{ $part }.
commit-release-confirm = Are you sure you no longer want to join <b>{ $title }</b>?
commit-button-release-yes = Yes, I'll let it go
commit-button-release-no = No, I'm joining
commit-released = ↩️ Let go: <b>{ $title }</b>. No problem; thank you for letting us know.
commit-released-proposer = { $name } is not joining <b>{ $title }</b> after all.
commit-kept = Great, you are joining <b>{ $title }</b>.

mine-none = You have no open commitments right now. Join an action in the group: choose 🙋 I'll join on a proposal.
mine-heading = <b>My commitments</b> ({ $count })
mine-item = <b>{ $title }</b> ({ $group })
    { $what }, by { $day }
mine-item-undated = <b>{ $title }</b> ({ $group })
    { $what }
mine-more = And { $count } more. Tick these off first, then you will see the rest.
mine-button-done = ✅ Done
mine-button-later = 📅 Later
mine-button-release = ↩️ Let go
mine-proposals =
    <b>Your proposals</b> ({ $count })
    { $lines }
mine-proposal = • <b>{ $title }</b> ({ $group }): { $state ->
        [proposed] waiting for support
       *[running] running
    }, { $day }
mine-proposal-no-date = no date yet
mine-proposals-more = • and { $count } more
draft-paused =
    All right, we'll pause. Your proposal is kept: type /actie in the group to carry on.
    Want to throw it away completely? Then choose Throw away.
draft-button-resume = Carry on after all
draft-button-discard = Throw away
draft-button-undo = ↩️ Previous question
draft-undone = All right, one question back.
draft-skipped = No problem, I'll leave this question open.
draft-existing-which = Good! What does it join? Say it in a few words, for example: the Saturday market, the coffee morning at the community centre.
draft-title-vague = No problem. What would you roughly like to do? A few words are enough, then we can go on.
draft-number-only = I only see a number. Choose one of the buttons, or type your answer in words.
draft-day-confirm = Do you mean <b>{ $day }</b>?
draft-day-other = Which day then? Type it once more, for example <i>Saturday</i> or <i>19 December</i>.
draft-posted-quick = Your action is in <b>{ $group }</b>. It is soon, so we simply do it: whoever wants to join chooses 🙋 I'll join.
card-goal = 🎯 Step 1 towards: { $goal }
steer-ask-title = What would you like to call <b>{ $title }</b>? Type the new name.
steer-smaller-confirm =
    It becomes: <b>{ $new }</b>.
    The big plan stays the goal: { $goal }. Is that right?
steer-title-confirm = The new name will be: <b>{ $new }</b>. Is that right?
steer-button-title-yes = Yes, like that
steer-button-title-no = No, never mind
steer-button-undo = ↩️ Undo
steer-undone = Put back: <b>{ $title }</b>.
steer-undone-group = ↩️ Back as it was: <b>{ $title }</b>.
steer-retitled-group = ✏️ New name: <b>{ $title }</b>.
steer-button-title = ✏️ Change the name
steer-button-other-day = 📅 Another day
steer-button-withdraw = 🗑 Withdraw

## Partners as equals: what the partner asked of us, at "Does it join something that already happens?".
draft-partner-asks =
    💡 { $partner } asked us for: <i>{ $asks }</i>. Does this join that?

    { $question }
