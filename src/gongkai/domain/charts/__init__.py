"""Charts of a body's year and of a supervisor's subtree (pure data, no Django): the chart
object the page draws, its table and its workbook rows (:mod:`.model`)."""
