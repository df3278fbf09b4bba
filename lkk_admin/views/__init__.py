"""Qt widgets, dialogs and item models: presentation and user interaction only.

Views never run SQL and never touch files on the GUI thread: they call services from
worker jobs (:mod:`lkk_admin.views.workers`) and get plain data back through signals.
"""
