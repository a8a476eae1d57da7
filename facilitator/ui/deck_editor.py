"""The deck editor: title, kind, instructions, suits and the cards table, with a live preview.

Every change is a core edit applied through the DeckDocument (undoable, autosaved); this widget
only lays things out and turns keys and clicks into those edits.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QFocusEvent,
    QFont,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QStyledItemDelegate,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from facilitator.decks import editing as deck_editing
from facilitator.decks.model import ActivityKind, Card, Deck, Picture, PromptKind, Suit
from facilitator.decks.pictures import bundled_icon, bundled_icons, load_picture
from facilitator.errors import FacilitatorError
from facilitator.ui.banner import Banner
from facilitator.ui.card_form import CardForm
from facilitator.ui.card_preview import CardPreview
from facilitator.ui.card_table_model import CardTableModel, warning_colour, warning_icon
from facilitator.ui.colour_swatch import colour_icon
from facilitator.ui.deck_document import DeckDocument
from facilitator.ui.dialogs import Dialogs
from facilitator.wording import join_and

TITLE_COLUMN_PX = 220
TEXT_COLUMN_MAX_PX = 320

PICTURE_FILTERS = "Pictures (*.png *.jpg *.jpeg *.svg *.gif *.bmp);;All files (*)"
ICON_NAMES = tuple(bundled_icons())

PRINTED_FIELDS = ("code", "title", "body", "back")  # what a half-typed cell changes on the card


class DraftDelegate(QStyledItemDelegate):
    """Text cells report what is typed before Enter, so the preview can follow the typing."""

    def __init__(self, editor: DeckEditor) -> None:
        super().__init__(editor)
        self.deck_editor = editor
        self.kept: dict[tuple[int, int], str] = {}  # (row, column) -> text typed, refused

    # Not type-checked below: Qt's delegate signature; PySide6's stubs differ between versions.
    def createEditor(self, parent, option, index):  # type: ignore[no-untyped-def]
        widget = super().createEditor(parent, option, index)
        column = CardTableModel.COLUMNS[index.column()]
        if isinstance(widget, QLineEdit) and column in PRINTED_FIELDS:
            row = index.row()
            widget.textEdited.connect(
                lambda text: self.deck_editor.preview_draft_cell(row, column, text)
            )
        return widget

    # A refused edit (a code already used, a title too long) opens the cell again holding what
    # was typed, so the person fixes it rather than typing it all again.
    def setEditorData(self, editor, index):  # type: ignore[no-untyped-def]
        kept = self.kept.pop((index.row(), index.column()), None)
        if kept is not None and isinstance(editor, QLineEdit):
            editor.setText(kept)
            return
        super().setEditorData(editor, index)

    # Not type-checked below: Qt's delegate signature; PySide6's stubs differ between versions.
    def setModelData(self, editor, model, index):  # type: ignore[no-untyped-def]
        super().setModelData(editor, model, index)
        document = self.deck_editor.document
        if document is not None and document.refused and isinstance(editor, QLineEdit):
            document.refused = False
            self.kept = {(index.row(), index.column()): editor.text()}
            table = self.deck_editor.table
            persistent = QPersistentModelIndex(index)
            QTimer.singleShot(0, lambda: self._reopen(table, persistent))

    def _reopen(self, table: QTableView, index: QPersistentModelIndex) -> None:
        if not index.isValid() or table.state() == QAbstractItemView.State.EditingState:
            self.kept = {}
            return
        target = table.model().index(index.row(), index.column())
        table.setCurrentIndex(target)
        table.edit(target)


class SuitDelegate(QStyledItemDelegate):
    """Suit cells are edited with a list of the deck's suits."""

    def __init__(self, editor: DeckEditor) -> None:
        super().__init__(editor)
        self.deck_editor = editor

    # Not type-checked below: Qt's delegate signature; PySide6's stubs differ between versions.
    def createEditor(self, parent, option, index):  # type: ignore[no-untyped-def]
        combo = QComboBox(parent)
        deck = self.deck_editor.deck
        for suit in deck.suits if deck else ():
            combo.addItem(colour_icon(suit.colour), suit.name)
        return combo

    # Not type-checked below: Qt's delegate signature; PySide6's stubs differ between versions.
    def setEditorData(self, editor, index):  # type: ignore[no-untyped-def]
        editor.setCurrentText(index.data(Qt.ItemDataRole.EditRole))

    # Not type-checked below: Qt's delegate signature; PySide6's stubs differ between versions.
    def setModelData(self, editor, model, index):  # type: ignore[no-untyped-def]
        model.setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)


class PromptKindDelegate(QStyledItemDelegate):
    """A prompt card's Answer cell: a question (yes/no) or an open question."""

    # Not type-checked below: Qt's delegate signature; PySide6's stubs differ between versions.
    def createEditor(self, parent, option, index):  # type: ignore[no-untyped-def]
        combo = QComboBox(parent)
        for kind in PromptKind:
            combo.addItem(kind.label, kind.value)
        return combo

    # Not type-checked below: Qt's delegate signature; PySide6's stubs differ between versions.
    def setEditorData(self, editor, index):  # type: ignore[no-untyped-def]
        editor.setCurrentText(index.data(Qt.ItemDataRole.EditRole))

    # Not type-checked below: Qt's delegate signature; PySide6's stubs differ between versions.
    def setModelData(self, editor, model, index):  # type: ignore[no-untyped-def]
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class CardTable(QTableView):
    """Enter on the last row adds a card; pasting several lines adds several cards."""

    addCardRequested = Signal()
    pasteRequested = Signal(str)
    deleteRequested = Signal()

    editCancelled = Signal()
    editorClosed = Signal()

    # Not type-checked below: Qt's view signature; PySide6's stubs differ between versions.
    def scrollTo(self, index, hint=QAbstractItemView.ScrollHint.EnsureVisible):  # type: ignore[no-untyped-def]
        # Moving to another row must not scroll sideways: a cell whose left edge is in view is
        # in view enough. Otherwise a wide title pushes Code and Suit out of sight (and cuts
        # the title's start off) whenever a card is selected on a narrow screen.
        bar = self.horizontalScrollBar()
        before = bar.value()
        left = self.columnViewportPosition(index.column())
        super().scrollTo(index, hint)
        # Scrolling per pixel, the page step is the viewport's width (asking the viewport
        # itself costs start-up a first wrap of QWidget's enums).
        if 0 <= left < bar.pageStep():
            bar.setValue(before)

    # Not type-checked below: Qt's view signature; PySide6's stubs differ between versions.
    def closeEditor(self, editor, hint):  # type: ignore[no-untyped-def]
        super().closeEditor(editor, hint)
        last_row = self.currentIndex().row() == self.model().rowCount() - 1
        refused = bool(getattr(self.itemDelegate(), "kept", None))  # the cell opens again
        if hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache and last_row and not refused:
            self.addCardRequested.emit()
        elif hint == QAbstractItemDelegate.EndEditHint.RevertModelCache:
            self.editCancelled.emit()
        self.editorClosed.emit()

    # Qt repaints the whole table whenever it gains or loses focus (selection colours change).
    # Focus passing to or from a cell editor changes nothing visible, and with hundreds of
    # cards that repaint was most of the time it took to start and finish each edit.
    _focus_in_editor = False

    def focusOutEvent(self, event: QFocusEvent) -> None:
        focused = QApplication.focusWidget()
        self._focus_in_editor = focused is not None and self.viewport().isAncestorOf(focused)
        if self._focus_in_editor:
            QFrame.focusOutEvent(self, event)
        else:
            super().focusOutEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        if self._focus_in_editor:  # back from a cell editor
            self._focus_in_editor = False
            QFrame.focusInEvent(self, event)
        else:
            super().focusInEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        editing = self.state() == QAbstractItemView.State.EditingState
        if not editing and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self.currentIndex().row() == self.model().rowCount() - 1:
                self.addCardRequested.emit()
            else:
                self.edit(self.currentIndex())
            return
        if not editing and event.matches(QKeySequence.StandardKey.Paste):
            self.pasteRequested.emit(QGuiApplication.clipboard().text())
            return
        if not editing and key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.deleteRequested.emit()
            return
        super().keyPressEvent(event)


class DeckEditor(QWidget):
    """Edits one DeckDocument; `duplicateRequested` asks the page to copy a read-only sample."""

    duplicateRequested = Signal()
    savedStateChanged = Signal(str, bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document: DeckDocument | None = None
        self.dialogs = Dialogs(self)  # every question asked goes through here (tests replace it)
        # The titles of the events whose agenda holds the deck at this path (the main window
        # connects the database); renumbering codes warns when there are any.
        self.events_using: Callable[[Path], list[str]] = lambda _path: []
        self._updating = False

        self.banner = Banner(self)
        self.title = QLineEdit(self)
        self.title.setAccessibleName(self.tr("Deck title"))
        self.title.setPlaceholderText(self.tr("Deck title"))
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title.setFont(font)
        self.title.editingFinished.connect(self._commit_title)
        self.title.textEdited.connect(self.preview_draft_title)

        self.kind = QComboBox(self)
        self.kind.setAccessibleName(self.tr("Activity kind"))
        for kind, label in (
            (ActivityKind.RANK, self.tr("Rank: agree an order")),
            (ActivityKind.MATCH, self.tr("Match: who does what")),
            (ActivityKind.PROMPTS, self.tr("Prompts: discussion questions")),
        ):
            self.kind.addItem(label, kind.value)
        self.kind.activated.connect(self._commit_kind)
        self.saved_state = QLabel(self)
        self.saved_state.setTextFormat(Qt.TextFormat.PlainText)
        # A fixed width: "Editing…" turning into "Saved 21:04" must not re-lay out the editor
        # (and repaint the whole card table) on every edit.
        self.saved_state.setFixedWidth(
            self.fontMetrics().horizontalAdvance("Not saved: 00:00 …") + 8
        )
        self.saved_state.setAccessibleName(self.tr("Save state"))
        self.saved_state.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

        self.instructions = QPlainTextEdit(self)
        self.instructions.setAccessibleName(self.tr("Instructions for the facilitator"))
        self.instructions.setPlaceholderText(
            self.tr("How to run this activity (for you; not printed on the cards)")
        )
        self.instructions.setTabChangesFocus(True)
        self.instructions.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 14)
        self.instructions.installEventFilter(self)

        self.suits_row = QHBoxLayout()
        self.suits_row.setSpacing(6)
        self.add_suit_button = QToolButton(self)
        self.add_suit_button.setText(self.tr("+ Suit"))
        self.add_suit_button.setAccessibleName(self.tr("Add a suit"))
        self.add_suit_button.clicked.connect(self._add_suit)
        self.logo_button = QToolButton(self)
        self.logo_button.setText(self.tr("Back logo…"))
        self.logo_button.setAccessibleName(self.tr("Logo on the card backs"))
        self.logo_button.setToolTip(self.tr("A logo or picture printed on every card's back"))
        self.logo_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        logo_menu = QMenu(self.logo_button)
        logo_menu.addAction(self.tr("Logo or picture from a file…"), self.choose_back_logo)
        icons = logo_menu.addMenu(self.tr("One of the icons"))
        for name in ICON_NAMES:
            # Not type-checked below: a lambda binding the loop value.
            icons.addAction(name.capitalize(), lambda n=name: self.set_back_logo_icon(n))  # type: ignore[misc]
        self.remove_logo_action = logo_menu.addAction(
            self.tr("No logo"), lambda: self._set_back_picture(None)
        )
        self.logo_button.setMenu(logo_menu)

        self.model = CardTableModel()
        self.table = CardTable(self)
        self.table.setAccessibleName(self.tr("Cards"))
        self.table.setModel(self.model)
        self.table.setItemDelegate(DraftDelegate(self))
        self.table.setItemDelegateForColumn(
            CardTableModel.COLUMNS.index("suit"), SuitDelegate(self)
        )
        self.table.setItemDelegateForColumn(
            CardTableModel.COLUMNS.index("prompt_kind"), PromptKindDelegate(self)
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.table.setDragDropOverwriteMode(False)
        self.table.setDropIndicatorShown(True)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._table_menu)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)  # the note is capped like the other text columns
        self.table.addCardRequested.connect(self.add_card)
        self.table.pasteRequested.connect(self.paste_cards)
        self.table.deleteRequested.connect(self.delete_selected)
        self.table.editCancelled.connect(self._drop_untouched_new_card)
        self.table.editorClosed.connect(self._update_preview)  # a typed draft ends with its editor
        self._fresh_card_id = ""  # the card Enter just added, until it is typed into
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_preview())

        self.preview = CardPreview(self)
        self.card_form = CardForm(self)
        self.card_form.draftChanged.connect(self._preview_form_draft)
        self.card_form.committed.connect(self._commit_form_field)
        self.card_form.pictureRequested.connect(self.choose_card_picture)
        self.card_form.pictureRemoved.connect(self.remove_card_picture)
        self.card_form.leaveRequested.connect(self.table.setFocus)
        self.preview.warningsReady.connect(self.model.set_warnings)
        self.preview.warningsReady.connect(self._show_warning_count)
        # Under the table and wrapped: beside the buttons, a long sentence widened the window
        # past a 1024-pixel screen.
        self.warning_row = QWidget(self)
        self.warning_sign = QLabel(self.warning_row)
        self.warning_sign.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.warning_summary = QLabel(self.warning_row)
        self.warning_summary.setTextFormat(Qt.TextFormat.PlainText)
        self.warning_summary.setWordWrap(True)
        row = QHBoxLayout(self.warning_row)
        row.setContentsMargins(0, 2, 0, 0)
        row.addWidget(self.warning_sign)
        row.addWidget(self.warning_summary, 1)
        self.warning_row.hide()
        self._follow_palette()

        self._build_actions()
        self._layout()
        self.set_document(None)

    # --- layout ----------------------------------------------------------------------------

    def _build_actions(self) -> None:
        self.add_action = QAction(self.tr("Add card"), self)
        self.add_action.setShortcut(QKeySequence("Ctrl+Shift+N"))
        self.add_action.triggered.connect(self.add_card)
        self.delete_action = QAction(self.tr("Delete cards"), self)
        self.delete_action.triggered.connect(self.delete_selected)
        # The body is long text: Ctrl+E writes it in the form beside the table, Escape returns.
        self.edit_card_action = QAction(self.tr("Edit the card's text"), self)
        self.edit_card_action.setShortcut(QKeySequence("Ctrl+E"))
        self.edit_card_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.edit_card_action.triggered.connect(self.edit_in_form)
        self.addAction(self.edit_card_action)
        self.renumber_action = QAction(self.tr("Renumber codes"), self)
        self.renumber_action.setToolTip(
            self.tr("Every suit's codes in the table's order: R1, R2, R3…")
        )
        self.renumber_action.triggered.connect(lambda: self.renumber_codes())
        self.move_up_action = QAction(self.tr("Move up"), self)
        self.move_up_action.setShortcut(QKeySequence("Ctrl+Shift+Up"))
        self.move_up_action.triggered.connect(lambda: self.move_selected(-1))
        self.move_down_action = QAction(self.tr("Move down"), self)
        self.move_down_action.setShortcut(QKeySequence("Ctrl+Shift+Down"))
        self.move_down_action.triggered.connect(lambda: self.move_selected(+1))
        for action in (self.add_action, self.move_up_action, self.move_down_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)
        self.suit_menu = QMenu(self.tr("Change suit"), self)

    def _layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.kind)

        suits = QHBoxLayout()
        suits_label = QLabel(self.tr("Suits:"), self)
        suits.addWidget(suits_label)
        suits.addLayout(self.suits_row)
        suits.addWidget(self.add_suit_button)
        suits.addWidget(self.logo_button)
        suits.addStretch(1)
        # Here rather than beside the title, which needs the room on a 1024-pixel screen.
        suits.addWidget(self.saved_state)

        tools = QHBoxLayout()
        for action in (self.add_action, self.delete_action):
            button = QToolButton(self)
            button.setDefaultAction(action)
            tools.addWidget(button)
        self.suit_button = QToolButton(self)
        self.suit_button.setText(self.tr("Change suit"))
        self.suit_button.setMenu(self.suit_menu)
        self.suit_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        tools.addWidget(self.suit_button)
        tools.addStretch(1)
        self.table.setToolTip(
            self.tr("Enter on the last row adds a card; paste several lines to add several cards")
        )

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(tools)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.warning_row)

        # The selected card's form above its preview: the body gets a box to write in.
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        # On a short screen the form scrolls rather than push the window past it.
        form_scroll = QScrollArea(right)
        form_scroll.setWidgetResizable(True)
        form_scroll.setFrameShape(QFrame.Shape.NoFrame)
        form_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        form_scroll.setWidget(self.card_form)
        form_scroll.setMinimumHeight(90)
        form_scroll.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        form_scroll.setMaximumHeight(self.card_form.sizeHint().height() + 4)
        right_layout.addWidget(form_scroll)
        right_layout.addWidget(self.preview, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        self.preview.setMinimumWidth(220)
        self.splitter.setSizes([560, 360])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 8, 8)
        layout.addWidget(self.banner)
        layout.addLayout(top)
        layout.addWidget(self.instructions)
        layout.addLayout(suits)
        layout.addWidget(self.splitter, 1)

    # --- showing a document ----------------------------------------------------------------

    @property
    def deck(self) -> Deck | None:
        return self.document.deck if self.document else None

    def set_document(self, document: DeckDocument | None) -> None:
        if self.document is not None:
            self.document.deckChanged.disconnect(self._on_deck_changed)
            self.document.problem.disconnect(self._on_problem)
            self.document.savedStateChanged.disconnect(self._on_saved_state)
            self.document.externalChangeDetected.disconnect(self._on_external_change)
        self.document = document
        self.model.set_document(document)
        self.banner.hide()
        self.saved_state.clear()
        editable = document is not None and not document.read_only
        # Read-only text stays crisp and selectable; only the controls that change things grey out.
        self.title.setReadOnly(not editable)
        self.instructions.setReadOnly(not editable)
        self.kind.setEnabled(editable)
        self.add_suit_button.setEnabled(editable)
        self.logo_button.setEnabled(editable)
        for action in (
            self.add_action,
            self.delete_action,
            self.move_up_action,
            self.move_down_action,
        ):
            action.setEnabled(editable)
        self.suit_button.setEnabled(editable)
        if document is None:
            self._fill(None)
            self.card_form.show_card(None)  # no deck shown: none of its cards either
            self.preview.show_card(None, None)
            return
        document.deckChanged.connect(self._on_deck_changed)
        document.problem.connect(self._on_problem)
        document.savedStateChanged.connect(self._on_saved_state)
        document.externalChangeDetected.connect(self._on_external_change)
        if document.read_only:
            self.banner.show_message(
                self.tr(
                    "This is a sample deck and cannot be changed. Duplicate it to edit a copy."
                ),
                "info",
                ((self.tr("Duplicate to edit"), self.duplicateRequested.emit),),
            )
        elif document.conflict:
            self._on_external_change()
        self._fill(document.deck)
        self.table.resizeColumnsToContents()
        self._cap_columns()
        if document.deck.cards:
            self.select_row(0)
        self.table.horizontalScrollBar().setValue(0)  # a deck opens showing Code and Suit

    def _fill(self, deck: Deck | None) -> None:
        self._updating = True
        try:
            if deck is None:
                self.title.clear()
                self.instructions.clear()
            else:
                if self.title.text() != deck.title:
                    self.title.setText(deck.title)
                    self.title.setCursorPosition(0)
                self.kind.setCurrentIndex(self.kind.findData(deck.kind.value))
                if self.instructions.toPlainText() != deck.instructions:
                    self.instructions.setPlainText(deck.instructions)
            # What answer each prompt asks for: a column only prompt decks have.
            prompts = deck is not None and deck.kind == ActivityKind.PROMPTS
            self.table.setColumnHidden(CardTableModel.COLUMNS.index("prompt_kind"), not prompts)
            self._fill_suits(deck)
        finally:
            self._updating = False

    def _fill_suits(self, deck: Deck | None) -> None:
        shown = None if deck is None else tuple((s, len(deck.cards_of(s.name))) for s in deck.suits)
        if shown == getattr(self, "_suits_shown", ()) and self.suits_row.count():
            return  # rebuilding the chips on every keystroke's commit is wasted work
        self._suits_shown = shown
        while self.suits_row.count():
            taken = self.suits_row.takeAt(0)
            widget = taken.widget() if taken is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        self.suit_menu.clear()
        if deck is None:
            return
        editable = self.document is not None and not self.document.read_only
        for suit in deck.suits:
            chip = QToolButton(self)
            chip.setIcon(colour_icon(suit.colour))
            count = len(deck.cards_of(suit.name))
            chip.setText(f"{suit.name} ({suit.prefix}…) · {count}")
            chip.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            chip.setAccessibleName(self.tr("Suit {name}").format(name=suit.name))
            chip.setToolTip(self.tr("Codes of this suit start with {0}").format(suit.prefix))
            if editable:
                chip.setMenu(self._suit_actions(suit))
                chip.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
            self.suits_row.addWidget(chip)
            action = self.suit_menu.addAction(colour_icon(suit.colour), suit.name)
            action.triggered.connect(lambda _=False, name=suit.name: self.change_suit(name))

    def _suit_actions(self, suit: Suit) -> QMenu:
        menu = QMenu(self)
        menu.addAction(self.tr("Rename…"), lambda: self._rename_suit(suit))
        menu.addAction(self.tr("Colour…"), lambda: self._recolour_suit(suit))
        menu.addAction(self.tr("Code prefix…"), lambda: self._reprefix_suit(suit))
        menu.addAction(self.tr("Renumber codes"), lambda: self.renumber_codes(suit.name))
        icon_menu = menu.addMenu(self.tr("Icon"))
        for name in ICON_NAMES:
            icon_menu.addAction(
                # Not type-checked below: a lambda binding the loop value.
                name.capitalize(),
                lambda n=name: self.set_suit_icon_named(suit.name, n),  # type: ignore[misc]
            )
        icon_menu.addSeparator()
        icon_menu.addAction(self.tr("From a file…"), lambda: self.choose_suit_icon(suit.name))
        if suit.icon:
            icon_menu.addAction(self.tr("No icon"), lambda: self._set_suit_icon(suit.name, None))
        menu.addAction(self.tr("Add a card of this suit"), lambda: self.add_card(suit.name))
        menu.addSeparator()
        menu.addAction(self.tr("Delete suit"), lambda: self._remove_suit(suit))
        return menu

    # Not type-checked below: pos: the QPoint of customContextMenuRequested.
    def _table_menu(self, pos) -> None:  # type: ignore[no-untyped-def]
        menu = QMenu(self)
        for action in (self.add_action, self.delete_action):
            menu.addAction(action)
        menu.addMenu(self.suit_menu)
        menu.addSeparator()
        menu.addAction(self.move_up_action)
        menu.addAction(self.move_down_action)
        menu.addSeparator()
        menu.addAction(self.renumber_action)
        menu.exec(self.table.viewport().mapToGlobal(pos))

    def _cap_columns(self) -> None:
        # Titles are what people scan: give them room first; long bodies and notes are capped
        # (the tooltip and the editor hold the whole text).
        columns = CardTableModel.COLUMNS
        self.table.setColumnWidth(
            columns.index("title"),
            max(TITLE_COLUMN_PX, self.table.columnWidth(columns.index("title"))),
        )
        for name in ("title", "body", "back", "note"):
            column = columns.index(name)
            if self.table.columnWidth(column) > TEXT_COLUMN_MAX_PX:
                self.table.setColumnWidth(column, TEXT_COLUMN_MAX_PX)

    # --- reacting to the document -----------------------------------------------------------

    def _on_deck_changed(self, deck: Deck) -> None:
        self._fill(deck)
        self._update_preview()

    def _on_problem(self, message: str) -> None:
        self.banner.show_message(message, "warning", ((self.tr("OK"), self.banner.hide),))

    def _on_saved_state(self, message: str, is_error: bool) -> None:
        self.saved_state.setText(message)
        self.saved_state.setStyleSheet(self._error_style if is_error else "")
        self.savedStateChanged.emit(message, is_error)
        if is_error:
            self.banner.show_message(message, "error")
        elif self.banner.isVisible() and self._banner_is_transient():
            self.banner.hide()

    def _banner_is_transient(self) -> bool:
        # The read-only and conflict banners stay until the user acts on them.
        document = self.document
        return document is not None and not document.read_only and not document.conflict

    def _on_external_change(self) -> None:
        document = self.document
        if document is None:
            return
        self.banner.show_message(
            self.tr(
                "{name} was changed by another program. Your edits are paused until you choose."
            ).format(name=document.path.name),
            "warning",
            (
                (self.tr("Load their version"), document.reload_from_disk),
                (self.tr("Keep mine"), document.keep_mine),
            ),
        )

    def _show_warning_count(self, warnings: dict) -> None:
        count = len(warnings)
        self._fit_code_column()
        if count == 1:
            text = self.tr("1 card will not print well; point at its warning sign to see why.")
        else:
            text = self.tr(
                "%n cards will not print well; point at a warning sign to see why.", "", count
            )
        self.warning_summary.setText(text if count else "")
        if count and self.warning_sign.pixmap().isNull():  # drawn on first need: start-up is faster
            size = self.fontMetrics().height()
            self.warning_sign.setPixmap(warning_icon().pixmap(size, size))
        self.warning_row.setVisible(bool(count))

    def _fit_code_column(self) -> None:
        """Widen the Code column so a warning sign sits beside the code instead of over it."""
        column = CardTableModel.COLUMNS.index("code")
        rows = [self.model.row_of(card_id) for card_id in self.model.warnings]
        cards = [(len(card.code), row) for row in rows if (card := self.model.card(row))]
        if cards:
            widest = self.model.index(max(cards)[1], column)
            needed = self.table.sizeHintForIndex(widest).width() + int(self.table.showGrid())
            if needed > self.table.columnWidth(column):
                self.table.setColumnWidth(column, needed)

    def _follow_palette(self) -> None:
        colour = warning_colour(self.palette())
        self.model.set_warning_colour(colour)
        self.warning_summary.setStyleSheet(f"color: {colour.name()};")
        self._error_style = f"color: {colour.name()}; font-weight: bold;"

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:  # the system switched light/dark
            self._follow_palette()
            if self.document is not None and self.document.save_error:
                self.saved_state.setStyleSheet(self._error_style)
        super().changeEvent(event)

    def _update_preview(self) -> None:
        card = self.current_card()
        self.preview.show_card(self.deck, card)
        self.card_form.show_card(card, self._showing_read_only())

    def edit_in_form(self) -> None:
        if self.table.state() == QAbstractItemView.State.EditingState:
            self.table.setCurrentIndex(self.table.currentIndex())  # commits the cell first
        if self.card_form.body.isEnabled():
            self.card_form.body.setFocus()
            self.card_form.body.moveCursor(QTextCursor.MoveOperation.End)

    def _preview_form_draft(self, field: str, text: str) -> None:
        row = self.table.currentIndex().row()
        if row >= 0:
            self.preview_draft_cell(row, field, text)

    def _commit_form_field(self, field: str, value: object) -> None:
        card = self.card_form.card
        if card is None:
            return
        self._apply(
            self.tr("Edit {field} of {code}").format(field=self.tr(field), code=card.code),
            # Not type-checked below: the form's value; set_card_field checks it.
            lambda deck: deck_editing.set_card_field(deck, card.id, field, value),  # type: ignore[arg-type]
        )

    # While a field is being typed, the preview shows the card as it would print with the text
    # so far: no undo step and no save until the field is committed (Enter or leaving it).
    def preview_draft_cell(self, row: int, column: str, text: str) -> None:
        deck, card = self.deck, self.model.card(row)
        if deck is None or card is None or self._showing_read_only():
            return
        try:
            draft = deck_editing.set_card_field(deck, card.id, column, text)
        except FacilitatorError:
            return  # not a valid card yet (an empty title...): keep the last preview
        self.preview.show_card(draft, next(c for c in draft.cards if c.id == card.id))

    def preview_draft_title(self, text: str) -> None:
        deck, card = self.deck, self.current_card()
        if deck is None or card is None or self._showing_read_only():
            return
        try:
            draft = deck_editing.set_deck_field(deck, "title", text)
        except FacilitatorError:
            return
        self.preview.show_card(draft, card)

    def _showing_read_only(self) -> bool:
        return self.document is None or self.document.read_only

    # --- user actions -> core edits -----------------------------------------------------------

    def current_card(self) -> Card | None:
        return self.model.card(self.table.currentIndex().row())

    def selected_ids(self) -> list[str]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        if not rows and self.table.currentIndex().isValid():
            rows = [self.table.currentIndex().row()]
        return [c.id for c in (self.model.card(r) for r in rows) if c]

    def select_row(self, row: int, column: str = "title") -> None:
        index = self.model.index(row, CardTableModel.COLUMNS.index(column))
        self.table.setCurrentIndex(index)
        self.table.selectionModel().select(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )

    def select_ids(self, ids: list[str]) -> None:
        rows = [self.model.row_of(i) for i in ids]
        rows = [r for r in rows if r >= 0]
        if not rows:
            return
        self.select_row(rows[0])
        for row in rows[1:]:
            self.table.selectionModel().select(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
            )

    # Not type-checked below: edit: a function from Deck to Deck.
    def _apply(self, text: str, edit) -> bool:  # type: ignore[no-untyped-def]
        return self.document is not None and self.document.apply(text, edit)

    def add_card(self, suit: str | None = None) -> None:
        deck = self.deck
        if deck is None:
            return
        current = self.current_card()
        card = deck_editing.new_card(deck, suit or (current.suit if current else None))
        row = self.table.currentIndex().row() + 1 if current else len(deck.cards)
        if self._apply(self.tr("Add card"), lambda d: deck_editing.insert_cards(d, [card], row)):
            self._fresh_card_id = card.id
            self.select_row(row)
            self.table.edit(self.table.currentIndex())

    def _drop_untouched_new_card(self) -> None:
        """Escape on a card that Enter just added takes it away again, like a spreadsheet row."""
        card = self.current_card()
        document = self.document
        if (
            document is not None
            and card is not None
            and card.id == self._fresh_card_id
            and card.title == deck_editing.NEW_CARD_TITLE
            and document.undo_stack.canUndo()
        ):
            self._fresh_card_id = ""
            document.undo_stack.undo()
            if self.model.rowCount():
                self.select_row(self.model.rowCount() - 1)

    def paste_cards(self, text: str) -> None:
        deck = self.deck
        if deck is None or not text.strip():
            return
        current = self.current_card()
        lines = [line for line in text.splitlines() if line.strip()]
        if len(lines) == 1 and current is not None:
            index = self.table.currentIndex()
            self.model.setData(index, lines[0].strip(), Qt.ItemDataRole.EditRole)
            return
        cards = deck_editing.cards_from_lines(deck, text, current.suit if current else None)
        row = self.table.currentIndex().row() + 1 if current else len(deck.cards)
        if self._apply(
            self.tr("Paste a card")
            if len(cards) == 1
            else self.tr("Paste %n cards", "", len(cards)),
            lambda d: deck_editing.insert_cards(d, cards, row),
        ):
            self.select_ids([c.id for c in cards])

    def delete_selected(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        row = self.table.currentIndex().row()
        if (
            self._apply(
                self.tr("Delete a card")
                if len(ids) == 1
                else self.tr("Delete %n cards", "", len(ids)),
                lambda d: deck_editing.remove_cards(d, ids),
            )
            and self.model.rowCount()
        ):
            self.select_row(min(row, self.model.rowCount() - 1))

    def move_selected(self, step: int) -> None:
        ids = self.selected_ids()
        deck = self.deck
        if not ids or deck is None:
            return
        rows = [self.model.row_of(i) for i in ids]
        to_row = min(rows) - 1 if step < 0 else max(rows) + 2
        if 0 <= to_row <= len(deck.cards) and self._apply(
            self.tr("Move cards"), lambda d: deck_editing.move_cards(d, ids, to_row)
        ):
            self.select_ids(ids)

    def change_suit(self, suit: str) -> None:
        ids = self.selected_ids()
        if ids and self._apply(
            self.tr("Change suit to {0}").format(suit),
            lambda d: deck_editing.change_suit(d, ids, suit),
        ):
            self.select_ids(ids)

    def _commit_title(self) -> None:
        if not self._updating and self.deck and self.title.text() != self.deck.title:
            text = self.title.text()
            if not self._apply(
                self.tr("Rename deck"), lambda d: deck_editing.set_deck_field(d, "title", text)
            ):
                self.title.setText(self.deck.title)
                self._update_preview()  # drop the refused draft

    def _commit_kind(self) -> None:
        value = self.kind.currentData()
        if self.deck and value != self.deck.kind.value:
            self._apply(
                self.tr("Change kind"), lambda d: deck_editing.set_deck_field(d, "kind", value)
            )
            self._fill(self.deck)

    def _commit_instructions(self) -> None:
        text = self.instructions.toPlainText()
        if not self._updating and self.deck and text != self.deck.instructions:
            self._apply(
                self.tr("Edit instructions"),
                lambda d: deck_editing.set_deck_field(d, "instructions", text),
            )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.instructions and event.type() == QEvent.Type.FocusOut:
            self._commit_instructions()
        return super().eventFilter(watched, event)

    def _add_suit(self) -> None:
        name = self.dialogs.text(self.tr("Add a suit"), self.tr("Suit name:"))
        if name and name.strip():
            self._apply(self.tr("Add suit"), lambda d: deck_editing.add_suit(d, name))

    def _rename_suit(self, suit: Suit) -> None:
        name = self.dialogs.text(self.tr("Rename suit"), self.tr("Suit name:"), suit.name)
        if name and name.strip() and name.strip() != suit.name:
            new = Suit(name.strip(), suit.colour, suit.prefix)
            self._apply_recoding(
                self.tr("Rename suit"), lambda d: deck_editing.update_suit(d, suit.name, new)
            )

    # --- pictures ----------------------------------------------------------------------------

    def _pick_picture_file(self, title: str) -> Picture | None:
        """A picture file the person chooses, checked and re-encoded; None if cancelled or
        refused (the sentence says why, naming the file)."""
        path = self.dialogs.open_file(title, PICTURE_FILTERS)
        if path is None:
            return None
        try:
            return load_picture(path)
        except FacilitatorError as exc:
            self.dialogs.error(title, str(exc))
            return None

    def _set_suit_icon(self, suit_name: str, picture: Picture | None) -> bool:
        return self._apply(
            self.tr("Suit icon"), lambda d: deck_editing.set_suit_icon(d, suit_name, picture)
        )

    def set_suit_icon_named(self, suit_name: str, icon: str) -> bool:
        return self._set_suit_icon(suit_name, bundled_icon(icon))

    def choose_suit_icon(self, suit_name: str) -> bool:
        picture = self._pick_picture_file(self.tr("Icon for {0}").format(suit_name))
        return picture is not None and self._set_suit_icon(suit_name, picture)

    def choose_card_picture(self) -> bool:
        card = self.current_card()
        if card is None:
            return False
        picture = self._pick_picture_file(self.tr("Picture for {0}").format(card.code))
        return picture is not None and self._set_card_picture(card.id, picture)

    def _set_card_picture(self, card_id: str, picture: Picture | None) -> bool:
        return self._apply(
            self.tr("Card picture"), lambda d: deck_editing.set_card_picture(d, card_id, picture)
        )

    def remove_card_picture(self) -> bool:
        card = self.current_card()
        return card is not None and self._set_card_picture(card.id, None)

    def choose_back_logo(self) -> bool:
        picture = self._pick_picture_file(self.tr("Logo for the card backs"))
        return picture is not None and self._set_back_picture(picture)

    def set_back_logo_icon(self, icon: str) -> bool:
        return self._set_back_picture(bundled_icon(icon))

    def _set_back_picture(self, picture: Picture | None) -> bool:
        return self._apply(
            self.tr("Logo on backs"), lambda d: deck_editing.set_back_picture(d, picture)
        )

    def renumber_codes(self, suit_name: str | None = None) -> bool:
        """Codes of one suit's cards (or every suit's) become R1, R2… in the table's order."""
        names = None if suit_name is None else [suit_name]
        return self._apply_recoding(
            self.tr("Renumber codes"), lambda d: deck_editing.renumber_codes(d, names)
        )

    # Not type-checked below: edit: a function from Deck to Deck.
    def _apply_recoding(self, description: str, edit) -> bool:  # type: ignore[no-untyped-def]
        """Apply an edit that may change cards' codes; warn first when an event uses the deck
        (its printed sets carry the old codes), and say afterwards which codes changed."""
        document = self.document
        if document is None:
            return False
        before = document.deck
        try:
            preview = edit(before)
        except FacilitatorError:
            return self._apply(description, edit)  # refused: the document says why
        changed = deck_editing.codes_renumbered(before, preview)
        events = self.events_using(document.path) if changed else []
        if events and not self.dialogs.confirm(
            self.tr("Codes will change"),
            self.tr(
                "“{deck}” is on the agenda of {events}. Cards already printed for it carry the "
                "old codes ({old}…), so tables would type codes the deck no longer has. "
                "Change the codes anyway?"
            ).format(deck=before.title, events=join_and(events), old=changed[0][0]),
            self.tr("Change codes"),
        ):
            return False
        if not self._apply(description, edit):
            return False
        if changed:
            shown = ", ".join(f"{old} → {new}" for old, new in changed[:4])
            more = len(changed) - 4
            text = self.tr("Codes renumbered: {0}").format(shown)
            if more > 0:
                text += self.tr(" and {0} more").format(more)
            self.banner.show_message(
                text + ".", "info", ((self.tr("Undo"), document.undo_stack.undo),)
            )
        return True

    def _recolour_suit(self, suit: Suit) -> None:
        colour = self.dialogs.colour(self.tr("Colour of {0}").format(suit.name), suit.colour)
        if colour:
            new = Suit(suit.name, colour, suit.prefix)
            self._apply(
                self.tr("Recolour suit"), lambda d: deck_editing.update_suit(d, suit.name, new)
            )

    def _reprefix_suit(self, suit: Suit) -> None:
        prefix = self.dialogs.text(
            self.tr("Code prefix"), self.tr("1 to 3 capital letters:"), suit.prefix
        )
        if prefix and prefix.strip():
            new = Suit(suit.name, suit.colour, prefix.strip().upper())
            self._apply_recoding(
                self.tr("Change prefix"), lambda d: deck_editing.update_suit(d, suit.name, new)
            )

    def _remove_suit(self, suit: Suit) -> None:
        self._apply(self.tr("Delete suit"), lambda d: deck_editing.remove_suit(d, suit.name))

    def flush(self) -> None:
        """Commit a half-typed field and write pending changes (on switching deck or quitting)."""
        if self.table.state() == QAbstractItemView.State.EditingState:
            self.table.setCurrentIndex(self.table.currentIndex())  # closes the editor, committing
        self._commit_title()
        self._commit_instructions()
        if self.document is not None:
            self.document.save_now()
