## Your data: /mijngegevens and /vergeetmij.

privacy-export-caption =
    This is everything Brug keeps about you, in one file.
    Would you like me to forget you? Type /vergeetmij.
privacy-forget-confirm =
    Are you sure? Then I will erase your name and what was yours alone: proposals you were writing, concerns and open questions.
    What you did together with the group, such as your commitments, stays, credited to "een lid" (a member), so the group's story stays true.
    I cannot undo this.
privacy-forget-yes = Yes, forget me
privacy-forget-no = No, never mind
privacy-forgotten =
    Done, I have forgotten you. I will not send you reminders any more.
    Want to join again later? Just type /start.
privacy-kept = Fine, I will leave everything as it is.
